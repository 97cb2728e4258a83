from .images import NewsImage, NewsRendition
from .pages import BasePage
from .site_settings import SiteSettings
from .terms import Term

__all__ = ["BasePage", "NewsImage", "NewsRendition", "SiteSettings", "Term"]
