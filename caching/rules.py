"""What to purge when something a reader sees changes. Both the Django page
cache and nginx are purged from these URLs (caching/purge.py,
WAGTAILFRONTENDCACHE). The apps say what shows their pages
(core/purging.py); this module only puts it together."""

from wagtail import hooks

from core.purging import URLS_SHOWING_PAGE, page_urls, site_url


def urls_for_page(page, cache_object=None) -> set[str]:
    """Every URL that shows the page: its own, its parent's (a column lists
    its articles), the site's front page, and whatever the apps register."""
    page = page.specific_deferred
    cache_object = cache_object or _UrlCache()
    urls = page_urls(page, cache_object)
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        urls |= page_urls(parent, cache_object)
    site = page.get_site()
    if site is not None:
        urls |= page_urls(site.root_page, cache_object)
    for urls_showing in hooks.get_hooks(URLS_SHOWING_PAGE):
        for url in urls_showing(page, cache_object):
            urls.add(site_url(page, url, cache_object) if url else None)
    urls.discard(None)
    return urls


class _UrlCache:
    """Wagtail caches site root paths on any object passed as cache_object."""
