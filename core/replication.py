"""Waiting for the read replica (DATABASE_REPLICA_URL, ops/replica.py) to
catch up with the primary.

Caches are purged after a change commits; the next reader's page is then
rendered afresh, and an anonymous reader's page is read from the replica.
If the replica had not yet replayed the change, the old page would go back
into every cache for as long as they keep pages. So a purge first waits,
briefly, until the replica has replayed the primary's WAL position as it was
after the commit: milliseconds on a healthy replica, at most
WAIT_SECONDS on a slow one (then the purge goes out anyway, logged)."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

WAIT_SECONDS = 2.0
POLL_SECONDS = 0.01
# True on a standby that replayed `lsn`; also on a server that is no standby
# (the test suite's mirror of the primary).
REPLAYED_SQL = (
    "SELECT COALESCE(pg_last_wal_replay_lsn() >= %s::pg_lsn, NOT pg_is_in_recovery())"
)


def wait_for_replica(timeout: float = WAIT_SECONDS) -> bool:
    """Block until the replica has replayed everything committed on the
    primary so far; False if it did not within `timeout` or is away."""
    alias = settings.DATABASE_REPLICA_ALIAS
    if not alias:
        return True
    primary, replica = connections["default"], connections[alias]
    if primary.vendor != "postgresql" or replica.vendor != "postgresql":
        return True
    deadline = time.monotonic() + timeout
    try:
        with primary.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            position = cursor.fetchone()[0]
        while True:
            with replica.cursor() as cursor:
                cursor.execute(REPLAYED_SQL, [position])
                if cursor.fetchone()[0]:
                    return True
            if time.monotonic() >= deadline:
                logger.warning(
                    "Database replica has not replayed %s after %.1f s: purging anyway",
                    position,
                    timeout,
                )
                return False
            time.sleep(POLL_SECONDS)
    except DatabaseError as error:
        logger.warning("Database replica not waited for (%s)", error)
        replica.close()
        return False
