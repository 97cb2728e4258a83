"""Purging, always after the change is committed: a reader who comes in
between must not put the old page back into the cache. With a read replica,
after the replica has replayed the change too (core/replication.py): the
page rendered for the next reader is read from it. Every purge renews the
render cache too (core/render_cache.py): what pages are made of is worked
out again from the changed data."""

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from caching.store import PageCache
from core import render_cache
from core.replication import wait_for_replica


def purge_urls(urls) -> None:
    urls = {url for url in urls if url}

    def purge():
        wait_for_replica()
        render_cache.new_generation()
        PurgeBatch(urls).purge()

    if urls:
        transaction.on_commit(purge)


def purge_everything(urls=()) -> None:
    """For a change that shows on every page (site settings, an author's
    name): a new generation for the Django page cache, and the given URLs
    in nginx; nginx asks Django again for the rest within
    PROXY_CACHE_SECONDS."""
    urls = {url for url in urls if url}

    def purge():
        wait_for_replica()
        render_cache.new_generation()
        PageCache().purge_everything()
        if urls:
            PurgeBatch(urls).purge()

    transaction.on_commit(purge)
