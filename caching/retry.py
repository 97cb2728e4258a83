"""The purge retry queue: a front cache that missed a purge (down, slow,
refusing) gets it again later, from a table every app server shares, so a
publish never waits for a cache that is away and no purge is forgotten.

Backends call `defer()` with what failed; `manage.py retry_purges` (run by
the scheduler, settings.SCHEDULED_COMMANDS) calls `drain()`."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from caching.models import PendingPurge

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600
ERROR_LENGTH = 500


def defer(cache: str, urls, error: str) -> None:
    """Queue `urls` for `cache` (a backend's retry_key). A URL already
    queued for it keeps its place. Never raises: the caller is an editor's
    publish."""
    urls = sorted(set(urls))
    if not urls:
        return
    due = timezone.now() + timedelta(seconds=settings.PURGE_RETRY_SECONDS)
    try:
        PendingPurge.objects.bulk_create(
            [
                PendingPurge(
                    cache=cache,
                    url=url,
                    next_attempt_at=due,
                    last_error=error[:ERROR_LENGTH],
                )
                for url in urls
            ],
            ignore_conflicts=True,
        )
    except DatabaseError:
        logger.exception("Could not queue %d purge(s) for %s", len(urls), cache)


def backoff(attempts: int) -> timedelta:
    """PURGE_RETRY_SECONDS, doubled after every failed retry, at most an hour."""
    seconds = settings.PURGE_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def drain(backends: dict, now=None) -> dict[str, int]:
    """Retry every due purge with the backend whose retry_key queued it.

    `backends` are Wagtail's frontend-cache backends by name. Returns the
    number of URLs purged, failed again and given up."""
    now = now or timezone.now()
    by_key = {
        backend.retry_key: backend
        for backend in backends.values()
        if getattr(backend, "retry_key", None)
    }
    counts = {"purged": 0, "failed": 0, "given_up": 0}
    give_up_before = now - timedelta(seconds=settings.PURGE_RETRY_GIVE_UP_SECONDS)

    expired = PendingPurge.objects.filter(first_failed_at__lt=give_up_before)
    unknown = PendingPurge.objects.exclude(cache__in=list(by_key))
    for reason, rows in (("too old", expired), ("no such cache", unknown)):
        for row in rows:
            logger.error(
                "Purge of %s from %s given up (%s, %d attempts): %s",
                row.url,
                row.cache,
                reason,
                row.attempts,
                row.last_error,
            )
            counts["given_up"] += 1
        rows.delete()

    due = PendingPurge.objects.filter(next_attempt_at__lte=now).order_by("id")
    for key, backend in by_key.items():
        rows = list(due.filter(cache=key))
        if not rows:
            continue
        failed, error = backend.send([row.url for row in rows])
        failed = set(failed)
        done = [row.pk for row in rows if row.url not in failed]
        PendingPurge.objects.filter(pk__in=done).delete()
        counts["purged"] += len(done)
        for row in rows:
            if row.url in failed:
                row.attempts += 1
                row.next_attempt_at = now + backoff(row.attempts)
                row.last_error = error[:ERROR_LENGTH]
                row.save(update_fields=["attempts", "next_attempt_at", "last_error"])
                counts["failed"] += 1
        if failed:
            logger.warning(
                "%d purge(s) still refused by %s: %s", len(failed), key, error
            )
    return counts
