"""What a reader page needs that changes only when something is published:
kept in the default cache under one generation that every purge renews.

An uncached page used to work out, on every request, things that stay the
same from one publish to the next: which page a path leads to (three
queries, from the front page down), whose view restrictions apply, which
articles are the related reading. `cached()` keeps such values under the
render generation. Every purge rule renews it, so nothing here outlives
the page cache:

- publishing, unpublishing, moving or deleting a page, a change of who may
  see it (a view restriction), a correction going public
  (core.purging.article_changed): connect() below, at once and again after
  the commit;
- every purge the caching app sends (caching/purge.py: the rules above,
  retraction, take-down and restore, a comment going public, a site-wide
  change such as settings, an author, a source or an image): after the
  commit, and with a read replica after it has replayed the change
  (core.replication), like the page cache itself.

The generation is read before the value is computed, so a value computed
from the data before a change is stored under the old generation, where
nobody looks once the commit renewed it. Entries also expire after
RENDER_CACHE_SECONDS (a safety net, and the bound on a process-local cache
that another process's renewal cannot reach, as for the page cache).
Settings: RENDER_CACHE_ENABLED (off in dev and tests), RENDER_CACHE_SECONDS."""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "render-cache:generation"
MISSING = object()


def enabled() -> bool:
    return getattr(settings, "RENDER_CACHE_ENABLED", False)


def generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY, "")
    return value


def key_for(*parts) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"render-cache:{generation()}:{digest}"


def cached(parts: tuple, compute, *, store=lambda value: True):
    """compute() once per generation for these key parts; `store(value)` says
    whether a value may be kept (a miss or an error need not be)."""
    if not enabled():
        return compute()
    key = key_for(*parts)
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        if store(value):
            cache.set(key, value, settings.RENDER_CACHE_SECONDS)
    return value


def new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _after_commit() -> None:
    from core.replication import wait_for_replica

    wait_for_replica()
    new_generation()


def renew() -> None:
    """Now, for this transaction's own reads, and again after the commit
    (once a read replica has it too), for a value another request took in
    between from the data before it."""
    new_generation()
    transaction.on_commit(_after_commit)


def changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loaddata (restore_site) clears the caches when it is done
    renew()


def page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        renew()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from core.purging import article_changed

    page_published.connect(changed, dispatch_uid="render_cache.published")
    page_unpublished.connect(changed, dispatch_uid="render_cache.unpublished")
    post_page_move.connect(changed, dispatch_uid="render_cache.moved")
    post_delete.connect(page_deleted, dispatch_uid="render_cache.page_deleted")
    article_changed.connect(changed, dispatch_uid="render_cache.article")
    for signal in (post_save, post_delete):
        signal.connect(
            changed,
            sender=PageViewRestriction,
            dispatch_uid=f"render_cache.restriction.{signal is post_save}",
        )
