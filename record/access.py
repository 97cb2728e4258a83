"""Who may read a page's record in the admin: those who cover the page
(core/coverage.py: its column's editors, deputy and chief editors); a
deleted page's record only superusers."""

from wagtail.models import Page

from core.coverage import covers


def may_read_record(user, page_id: int) -> bool:
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    page = Page.objects.filter(pk=page_id).only("path").first()
    return page is not None and covers(user, page)
