"""Which URLs show a page, so that caches can be purged when it changes.

Each app says what shows its pages or lists other apps' pages, so caching/
learns it from the apps instead of knowing their classes:

- Wagtail hook URLS_SHOWING_PAGE: ``fn(page, cache_object)`` returns the
  absolute URLs or site paths, besides the page's own, that show the page
  (an article's tag pages, author pages, feeds, search);
- signal ``content_changed``: sent with ``page_id`` when something shown on a
  page changes without the page being published (a reader's comment going
  public), so the page is purged;
- signal ``article_changed``: sent with ``page_id`` when something changes
  that every page showing the article shows too, again without publishing
  (a correction going public: the article, its column, lists and feeds, the
  corrections page), so everything that shows the page is purged, as on
  publishing;
- signal ``everything_changed``: sent when something every public page may
  show changed (comments closed on a column or the whole site): everything
  that can be purged is (a new page-cache generation, the front pages in
  nginx; nginx asks again for the rest within PROXY_CACHE_SECONDS)."""

from urllib.parse import urlsplit, urlunsplit

from django.dispatch import Signal

URLS_SHOWING_PAGE = "urls_showing_page"

content_changed = Signal()
article_changed = Signal()
everything_changed = Signal()


def page_urls(page, cache_object=None) -> set[str]:
    """A page's own URLs: the page and the routable sub-paths it caches."""
    url = page.get_full_url(cache_object)
    if url is None:
        return set()
    return {
        url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()
    }


def site_url(page, path: str, cache_object=None) -> str | None:
    """An absolute URL for a path on the page's site."""
    if urlsplit(path).netloc:
        return path  # already absolute (a site other than the default one)
    root = page.get_full_url(cache_object)
    if root is None:
        return None
    scheme, netloc, *_ = urlsplit(root)
    return urlunsplit((scheme, netloc, path, "", ""))
