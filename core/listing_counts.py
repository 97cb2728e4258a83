"""How many items a long list has, counted once until the lists change.

COUNT(*) reads every row a list has: a column of 30,000 articles costs more
to count than to show a page of. Counts are kept in the default cache under
a generation that publishing, unpublishing, moving or deleting any page (or
changing who may see it, or what lists show of it: core.purging's
article_changed) renews after the commit, so a list never shows a count
older than its contents."""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "listing-counts:generation"
# A safety net only: every change that alters a list renews the generation.
COUNT_SECONDS = 3600


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY, "")
    return generation


def cached_count(queryset) -> int:
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    # The key is taken before counting: a count racing a renewal is stored
    # under the old generation, where nobody looks any more.
    key = f"listing-counts:{_generation()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_SECONDS)
    return count


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def renew() -> None:
    """Now, for this transaction's own reads, and again after the commit, for
    a count another request took in between from the data before it."""
    _new_generation()
    transaction.on_commit(_new_generation)


def lists_changed(sender, **kwargs) -> None:
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

    page_published.connect(lists_changed, dispatch_uid="listing_counts.published")
    page_unpublished.connect(lists_changed, dispatch_uid="listing_counts.unpublished")
    post_page_move.connect(lists_changed, dispatch_uid="listing_counts.moved")
    post_delete.connect(page_deleted, dispatch_uid="listing_counts.page_deleted")
    article_changed.connect(lists_changed, dispatch_uid="listing_counts.article")
    for signal in (post_save, post_delete):
        signal.connect(
            lists_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"listing_counts.restriction.{signal is post_save}",
        )
