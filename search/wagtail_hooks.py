from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from articles.models import ArticlePage
from core.purging import URLS_SHOWING_PAGE


@hooks.register(URLS_SHOWING_PAGE)
def search_page(page, cache_object):
    """Search results list articles."""
    if not isinstance(page, ArticlePage):
        return set()
    try:
        return {reverse("search")}
    except NoReverseMatch:  # a URLconf without search (some tests)
        return set()
