"""What to purge when something a reader sees changes: the one place that
knows which pages show what. Both the Django page cache and nginx are
purged from these URLs (caching/purge.py, WAGTAILFRONTENDCACHE)."""

from urllib.parse import urlsplit, urlunsplit

from django.urls import NoReverseMatch, reverse
from django.utils import timezone


def _full_url(page, cache_object) -> str | None:
    return page.get_full_url(cache_object)


def site_url(page, path: str, cache_object=None) -> str | None:
    """An absolute URL for a path on the page's site."""
    if urlsplit(path).netloc:
        return path  # already absolute (a site other than the default one)
    root = _full_url(page, cache_object)
    if root is None:
        return None
    scheme, netloc, *_ = urlsplit(root)
    return urlunsplit((scheme, netloc, path, "", ""))


def _reverse(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def page_urls(page, cache_object=None) -> set[str]:
    """A page's own URLs: the page and its routable sub-paths it caches."""
    url = _full_url(page, cache_object)
    if url is None:
        return set()
    return {
        url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()
    }


def article_urls(article, cache_object=None) -> set[str]:
    """Every page that shows this article or a link to it: the article, its
    column, its authors', tags' and archive pages, the front page, the
    feeds, search results, and the articles that pin it as related reading."""
    from articles.models import AuthorIndexPage, RelatedArticle

    cache_object = cache_object or _UrlCache()
    urls = page_urls(article, cache_object)
    column = article.get_parent()
    home = column.get_parent().specific if column else None
    urls |= page_urls(column, cache_object)
    paths: set[str] = set()
    if home is not None:
        urls |= page_urls(home, cache_object)
        for tag in article.tags.all():
            if hasattr(home, "tag_url"):
                paths.add(home.tag_url(tag))
        when = article.display_date or article.first_published_at
        if when is not None and hasattr(home, "archive_url"):
            local = timezone.localtime(when)
            paths.add(home.archive_url(local.year))
            paths.add(home.archive_url(local.year, local.month))

    authors = [byline.author for byline in article.bylines.all()]
    author_index = AuthorIndexPage.objects.live().first() if authors else None
    for author in authors:
        if author_index is not None:
            urls.add(site_url(article, author_index.author_url(author), cache_object))
        paths.add(_reverse("feeds:author_rss", slug=author.slug))
        paths.add(_reverse("feeds:author_atom", slug=author.slug))

    paths.add(_reverse("feeds:site_rss"))
    paths.add(_reverse("feeds:site_atom"))
    if column is not None:
        paths.add(_reverse("feeds:column_rss", slug=column.slug))
        paths.add(_reverse("feeds:column_atom", slug=column.slug))
    paths.add(_reverse("search"))

    pinning = RelatedArticle.objects.filter(article=article).select_related("page")
    for link in pinning:
        urls |= page_urls(link.page, cache_object)

    urls |= {site_url(article, path, cache_object) for path in paths if path}
    urls.discard(None)
    return urls


def urls_for_page(page, cache_object=None) -> set[str]:
    """The purge rule for any page: articles have their own; another page
    (column, front page, author index) purges itself, its parent and the
    front page."""
    from articles.models import ArticlePage

    page = page.specific_deferred
    if isinstance(page, ArticlePage):
        return article_urls(page, cache_object)
    cache_object = cache_object or _UrlCache()
    urls = page_urls(page, cache_object)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        urls |= page_urls(parent, cache_object)
    site = page.get_site()
    if site is not None:
        urls |= page_urls(site.root_page, cache_object)
    return urls


class _UrlCache:
    """Wagtail caches site root paths on any object passed as cache_object."""
