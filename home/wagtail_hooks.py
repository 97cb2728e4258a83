from django.utils import timezone
from wagtail import hooks

from articles.models import ArticlePage
from core.purging import URLS_SHOWING_PAGE
from home.models import HomePage


@hooks.register(URLS_SHOWING_PAGE)
def tag_and_archive_pages(page, cache_object):
    """The front page serves the tag and archive lists an article is on."""
    if not isinstance(page, ArticlePage):
        return set()
    home = HomePage.objects.ancestor_of(page).first()
    if home is None:
        return set()
    paths = {home.tag_url(tag) for tag in page.tags.all()}
    when = page.display_date or page.first_published_at
    if when is not None:
        local = timezone.localtime(when)
        paths.add(home.archive_url(local.year))
        paths.add(home.archive_url(local.year, local.month))
    return paths
