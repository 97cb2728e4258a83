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

from django.conf import settings
from django.core.cache import cache

from core.generations import Generation

RENDER = Generation("render-cache", wait_for_replica=True)
GENERATION_KEY = RENDER.key
MISSING = object()


def enabled() -> bool:
    return getattr(settings, "RENDER_CACHE_ENABLED", False)


def generation() -> str:
    return RENDER.current()


def key_for(*parts, generation_now: str | None = None) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"render-cache:{generation_now or generation()}:{digest}"


def cached(parts: tuple, compute, *, store=lambda value: True, generation=None):
    """compute() once per generation for these key parts; `store(value)` says
    whether a value may be kept (a miss or an error need not be). A caller
    that already read the generation (once per request) passes it."""
    if not enabled():
        return compute()
    key = key_for(*parts, generation_now=generation)
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        if store(value):
            cache.set(key, value, settings.RENDER_CACHE_SECONDS)
    return value


new_generation = RENDER.renew_now
# Now, for this transaction's own reads, and again after the commit (once a
# read replica has it too).
renew = RENDER.renew
connect = RENDER.connect
