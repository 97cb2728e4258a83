from .append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from .images import NewsImage, NewsRendition
from .pages import BasePage
from .scheduling import ScheduledJob
from .site_settings import SiteSettings
from .terms import Term

__all__ = [
    "AppendOnlyError",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "BasePage",
    "NewsImage",
    "NewsRendition",
    "ScheduledJob",
    "SiteSettings",
    "Term",
]
