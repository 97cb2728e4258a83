"""Purge backends for Wagtail's frontend cache (WAGTAILFRONTENDCACHE): the
same purge rules reach the Django page cache, every nginx front cache and a
CDN (caching/aliyun_cdn.py).

A front cache is another machine that may be away: each purge is tried once
at once, with a short timeout (PURGE_TIMEOUT), and whatever it did not take
goes to the retry queue (caching/retry.py). A backend never raises: the
caller is an editor's publish."""

import logging
from http.client import HTTPException
from urllib.error import HTTPError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.utils.encoding import iri_to_uri
from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest

from caching import retry
from caching.store import PageCache
from core.language import public_languages

logger = logging.getLogger(__name__)

SCRIPT_HEADERS = [{}, {"Cookie": "zh_script=hant"}]


def variant_headers() -> list[dict]:
    """nginx keys its cache on the 简/繁 cookie (and, with more than one
    public language, on the language: core/language.py, docs/deploy.md);
    one PURGE per stored variant."""
    languages = public_languages()
    if len(languages) == 1:
        return SCRIPT_HEADERS
    return [
        {**script, "Accept-Language": language}
        for language in languages
        for script in SCRIPT_HEADERS
    ]


class DjangoPageCacheBackend(BaseBackend):
    """Purges the Django page cache (caching/store.py): every query string
    and variant of each URL's path."""

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        PageCache().purge_urls(urls)


class RetryingBackend(BaseBackend):
    """A front cache whose missed purges are retried later.

    Subclasses say who they are (`retry_key`, stable across restarts and
    the same on every app server) and send a batch (`send`), answering
    which URLs were not purged and why."""

    retry_key: str

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        urls = list(dict.fromkeys(urls))
        failed, error = self.send(urls)
        if failed:
            logger.error(
                "%s did not take %d of %d purge(s), queued for retry: %s",
                self.retry_key,
                len(failed),
                len(urls),
                error,
            )
            retry.defer(self.retry_key, failed, error)

    def send(self, urls: list[str]) -> tuple[list[str], str]:
        raise NotImplementedError


class NginxPurgeBackend(RetryingBackend, HTTPBackend):
    """One nginx front cache: one PURGE per cached variant to its purge
    listener (ngx_cache_purge), LOCATION. A 404 means nginx held no copy,
    which is not an error. Once the listener cannot be reached, the rest of
    the batch is queued without trying, so a cache that is away costs a
    publish one timeout at most."""

    @property
    def retry_key(self) -> str:
        return f"nginx {self.cache_scheme}://{self.cache_netloc}"

    def send(self, urls):
        failed, error = [], ""
        for index, url in enumerate(urls):
            try:
                self.send_one(url)
            except HTTPError as refused:
                # The listener answered: this URL failed, the next may not.
                failed.append(url)
                error = f"HTTP {refused.code} {refused.reason}"
            except (OSError, HTTPException) as away:  # refused, timed out, cut
                reason = getattr(away, "reason", away)
                return failed + urls[index:], f"unreachable: {reason}"
        return failed, error

    def send_one(self, url) -> None:
        parts = urlsplit(iri_to_uri(url))
        target = urlunsplit(
            (self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, "")
        )
        for headers in variant_headers():
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
                urlopen(request, timeout=settings.PURGE_TIMEOUT).close()  # noqa: S310
            except HTTPError as error:
                if error.code != 404:
                    raise
