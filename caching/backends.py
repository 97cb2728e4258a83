"""Purge backends for Wagtail's frontend cache (WAGTAILFRONTENDCACHE): the
same purge rules reach the Django page cache and nginx."""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.utils.encoding import iri_to_uri
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

from caching.store import PageCache

logger = logging.getLogger(__name__)

# nginx keys its cache on the 简/繁 cookie and the language it negotiates
# (deploy/nginx/newsroom.conf); one PURGE per stored variant.
VARIANT_HEADERS = [
    {},
    {"Cookie": "zh_script=hant"},
    {"Accept-Language": "en"},
    {"Cookie": "zh_script=hant", "Accept-Language": "en"},
]
PURGE_TIMEOUT = 5


class DjangoPageCacheBackend(BaseBackend):
    """Purges the Django page cache (caching/store.py): every query string
    and variant of each URL's path."""

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        PageCache().purge_urls(urls)


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP backend, sending one PURGE per cached variant to the
    nginx purge listener (ngx_cache_purge). A 404 means nginx held no copy,
    which is not an error."""

    def purge(self, url) -> None:
        parts = urlsplit(iri_to_uri(url))
        target = urlunsplit(
            (self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, "")
        )
        for headers in VARIANT_HEADERS:
            request = PurgeRequest(
                url=target,
                headers={
                    "Host": parts.netloc,
                    "User-Agent": f"Wagtail-frontendcache/{__version__}",
                    **headers,
                },
            )
            try:
                # The scheme and host come from the LOCATION setting.
                urlopen(request, timeout=PURGE_TIMEOUT).close()  # noqa: S310
            except HTTPError as error:
                if error.code != 404:
                    logger.error("nginx refused to purge %s: %s", url, error)
            except URLError as error:
                logger.error("nginx unreachable, %s not purged: %s", url, error.reason)
