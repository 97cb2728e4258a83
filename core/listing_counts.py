"""How many items a long list has, counted once until the lists change.

COUNT(*) reads every row a list has: a column of 30,000 articles costs more
to count than to show a page of. Counts are kept in the default cache under
a generation that publishing, unpublishing, moving or deleting any page (or
changing who may see it, or what lists show of it: core.purging's
article_changed) renews after the commit, so a list never shows a count
older than its contents."""

import hashlib

from django.core.cache import cache

from core.generations import Generation

LISTS = Generation("listing-counts")
GENERATION_KEY = LISTS.key
# A safety net only: every change that alters a list renews the generation.
COUNT_SECONDS = 3600


def _generation() -> str:
    return LISTS.current()


def cached_count(queryset, name: str | None = None) -> int:
    """The queryset's count; `name` says which list it is, when the caller
    knows (naming it saves compiling the SQL for a key)."""
    if name is None:
        sql, params = queryset.query.sql_with_params()
        name = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    # The key is taken before counting: a count racing a renewal is stored
    # under the old generation, where nobody looks any more.
    key = f"listing-counts:{_generation()}:{name}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_SECONDS)
    return count


renew = LISTS.renew
connect = LISTS.connect
