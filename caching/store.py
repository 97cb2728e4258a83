"""Whole pages in the Django cache, and how they are found and purged.

A page is stored under a key made of the site-wide generation, its path's
version, and what else its HTML depends on (host, scheme, query string,
简/繁 choice, and the language if more than one public language is set:
core/language.py). Purging a path gives it a new version, so every
query string of it (?page=2, search queries) goes at once; purging
everything gives the site a new generation. Versions are random tokens, not
counters: a version lost to eviction can never bring an old page back.

The versions are read before the page is rendered and the page is stored
under them: a render that raced a purge lands under the old version, where
nobody looks."""

import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from core.language import public_language, varies_on_language

GENERATION_KEY = "pagecache:generation"
SCRIPT_COOKIE = "zh_script"
# Headers that belong to one response only and never to a stored page.
UNSTORED_HEADERS = {"set-cookie", "x-page-cache"}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def path_version_key(path: str) -> str:
    return f"pagecache:path:{_digest(path)}"


def new_token() -> str:
    return secrets.token_hex(6)


def variant(request) -> str:
    """What besides the URL changes a page's HTML for an anonymous reader."""
    script = "hant" if request.COOKIES.get(SCRIPT_COOKIE) == "hant" else "hans"
    if varies_on_language():
        return f"{script}|{public_language(request)}"
    return script


@dataclass(frozen=True)
class Slot:
    """Where one request's page is (or will be) stored."""

    generation_key: str
    version_key: str
    generation: str
    version: str
    page_key: str


class PageCache:
    def __init__(self, alias: str | None = None):
        self.cache = caches[alias or settings.PAGE_CACHE_ALIAS]

    def slot_for(self, request) -> Slot:
        version_key = path_version_key(request.path)
        found = self.cache.get_many([GENERATION_KEY, version_key])
        generation = found.get(GENERATION_KEY) or self._start(GENERATION_KEY)
        version = found.get(version_key) or self._start(version_key)
        identity = "|".join(
            (
                request.scheme,
                request.get_host(),
                request.get_full_path(),
                variant(request),
            )
        )
        page_key = f"pagecache:page:{generation}:{version}:{_digest(identity)}"
        return Slot(GENERATION_KEY, version_key, generation, version, page_key)

    def _start(self, key: str) -> str:
        # add() so that two first requests agree on one token.
        self.cache.add(key, new_token(), timeout=None)
        return self.cache.get(key) or ""

    def get(self, slot: Slot) -> HttpResponse | None:
        stored = self.cache.get(slot.page_key)
        if stored is None:
            return None
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    def save(self, slot: Slot, response, timeout: int) -> None:
        if not (slot.generation and slot.version):
            return  # the cache is unreachable: nothing to store against
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        self.cache.set(
            slot.page_key, (response.status_code, headers, response.content), timeout
        )

    def purge_urls(self, urls) -> None:
        """Every cached page at these URLs' paths, for every query string,
        host and variant."""
        paths = {unquote(urlsplit(url).path) or "/" for url in urls}
        self.cache.set_many(
            {path_version_key(path): new_token() for path in paths}, timeout=None
        )

    def purge_everything(self) -> None:
        self.cache.set(GENERATION_KEY, new_token(), timeout=None)
