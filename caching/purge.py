"""Purging, always after the change is committed: a reader who comes in
between must not put the old page back into the cache."""

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from caching.store import PageCache


def purge_urls(urls) -> None:
    urls = {url for url in urls if url}
    if urls:
        transaction.on_commit(lambda: PurgeBatch(urls).purge())


def purge_everything(urls=()) -> None:
    """For a change that shows on every page (site settings, an author's
    name): a new generation for the Django page cache, and the given URLs
    in nginx; nginx asks Django again for the rest within
    PROXY_CACHE_SECONDS."""
    urls = {url for url in urls if url}

    def purge():
        PageCache().purge_everything()
        if urls:
            PurgeBatch(urls).purge()

    transaction.on_commit(purge)
