from django.urls import NoReverseMatch, reverse
from wagtail import hooks

from articles.models import ArticlePage
from core.purging import URLS_SHOWING_PAGE


@hooks.register(URLS_SHOWING_PAGE)
def feeds_showing_article(page, cache_object):
    """The site's feeds, its column's and its authors'."""
    if not isinstance(page, ArticlePage):
        return set()
    try:
        return _feed_paths(page)
    except NoReverseMatch:  # a URLconf without the feeds (some tests)
        return set()


def _feed_paths(page) -> set[str]:
    paths = {reverse("feeds:site_rss"), reverse("feeds:site_atom")}
    for byline in page.bylines.all():
        slug = byline.author.slug
        paths.add(reverse("feeds:author_rss", kwargs={"slug": slug}))
        paths.add(reverse("feeds:author_atom", kwargs={"slug": slug}))
    column = page.get_parent()
    if column is not None:
        paths.add(reverse("feeds:column_rss", kwargs={"slug": column.slug}))
        paths.add(reverse("feeds:column_atom", kwargs={"slug": column.slug}))
    return paths
