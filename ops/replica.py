"""Anonymous readers' page reads from a PostgreSQL streaming replica
(DATABASE_REPLICA_URL), everything else from the primary.

ReplicaMiddleware decides per request, in a context variable the router
reads: a GET or HEAD outside the admin, from a browser with no session
cookie and no pin cookie, may read from the replica; anything else reads
from the primary. Every write goes to the primary, and the rest of a request
that wrote (an INSERT, UPDATE or DELETE reached the primary) reads from the
primary too; a response to a POST (or any other
unsafe method) sets a pin cookie, so the browser's next requests, for
DATABASE_REPLICA_PIN_SECONDS, also read from the primary and see what was
just written. Code outside a request (the scheduler, commands, threads)
always uses the primary.

A replica that lags more than DATABASE_REPLICA_MAX_LAG seconds or does not
answer is left alone (checked at most every DATABASE_REPLICA_CHECK_SECONDS,
per process): readers are served from the primary and the change is logged
once. A replica that fails in the middle of a request (it went away, or
cancelled a query in a recovery conflict) gets that request answered again
from the primary, so the reader never sees the error."""

import logging
import sys
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from time import monotonic

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import Error, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = ("GET", "HEAD")
# Read where they were written, whatever the request: sign-in state, the
# login throttle, two-factor devices.
PRIMARY_ONLY_APPS = {"sessions", "axes", "otp_totp", "otp_static", "django_otp"}
OUTAGE_ERRORS = (OperationalError, InterfaceError)

# How far behind the primary the replica is, in seconds: 0 while it streams
# and has replayed all it received; otherwise the age of the last replayed
# transaction (NULL, never replayed: very far behind).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
         AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')
        THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 1e9)
END
"""


@dataclass
class Route:
    """Where this request's reads may go, and what happened so far."""

    replica: bool
    wrote: bool = False
    used_replica: bool = False
    replica_failed: bool = False


_route: ContextVar[Route | None] = ContextVar("newsroom_db_route", default=None)


def replica_alias() -> str:
    return settings.DATABASE_REPLICA_ALIAS


class ReplicaHealth:
    """Whether the replica may be read from, checked at most every
    DATABASE_REPLICA_CHECK_SECONDS by one thread of the process while the
    others go on with the last answer."""

    def __init__(self):
        self.lock = threading.Lock()
        self.checked_at = None
        self.usable = True
        self.problem = ""

    def is_usable(self) -> bool:
        fresh = (
            self.checked_at is not None
            and monotonic() - self.checked_at < settings.DATABASE_REPLICA_CHECK_SECONDS
        )
        if fresh or not self.lock.acquire(blocking=False):
            return self.usable
        try:
            self.record(*self.check())
        finally:
            self.lock.release()
        return self.usable

    def check(self) -> tuple[bool, str]:
        connection = connections[replica_alias()]
        try:
            with connection.cursor() as cursor:
                # Any other database (the tests' mirror) is never behind.
                postgres = connection.vendor == "postgresql"
                cursor.execute(LAG_SQL if postgres else "SELECT 0")
                lag = float(cursor.fetchone()[0])
        # Error, not DatabaseError: a connection the server dropped raises
        # InterfaceError, which is not one.
        except Error as error:
            connection.close()  # rebuilt on its next use
            return False, f"unavailable ({str(error).strip() or type(error).__name__})"
        if lag > settings.DATABASE_REPLICA_MAX_LAG:
            return False, f"{lag:.0f} s behind the primary"
        return True, ""

    def record(self, usable: bool, problem: str) -> None:
        if usable and not self.usable:
            logger.warning("Database replica usable again: readers back on it")
        elif not usable and (self.usable or problem != self.problem):
            logger.error("Database replica %s: reading from the primary", problem)
        self.usable, self.problem = usable, problem
        self.checked_at = monotonic()

    def failed(self) -> None:
        """A request failed on the replica: check again at once."""
        self.checked_at = None


health = ReplicaHealth()


class PrimaryReplicaRouter:
    """DATABASE_ROUTERS: reads to the replica when the request's route
    allows it and the replica is healthy; everything else to the primary."""

    def db_for_read(self, model, **hints):
        route = _route.get()
        if (
            route is None
            or not route.replica
            or route.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[PRIMARY].in_atomic_block
            or not health.is_usable()
        ):
            return PRIMARY
        route.used_replica = True
        return replica_alias()

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def admin_prefix() -> str:
    path = getattr(settings, "WAGTAILADMIN_PATH", "admin/")
    return "/" + path.strip("/") + "/"


def may_read_from_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and not request.path.startswith(admin_prefix())
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE")


def _watch_writes(execute, sql, params, many, context):
    """An execute wrapper on the primary: once the request has written
    (not merely asked for the write database, as get_or_create does), its
    later reads go to the primary."""
    if sql.lstrip()[:6].upper() in WRITES:
        route = _route.get()
        if route is not None:
            route.wrote = True
    return execute(sql, params, many, context)


def _note_failure(sender, request=None, **kwargs):
    route = _route.get()
    if route is not None and route.used_replica:
        if isinstance(sys.exc_info()[1], OUTAGE_ERRORS):
            route.replica_failed = True


class ReplicaMiddleware:
    """Sets the request's route; answers again from the primary a request
    the replica failed; pins the browser to the primary after a write."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_failure, dispatch_uid="ops.replica")

    def __call__(self, request):
        if not replica_alias():
            return self.get_response(request)
        route = Route(replica=may_read_from_replica(request))
        token = _route.set(route)
        try:
            with connections[PRIMARY].execute_wrapper(_watch_writes):
                response = self.get_response(request)
            if route.replica_failed:
                health.failed()
                logger.warning(
                    "Database replica failed during %s: answered from the primary",
                    request.path,
                )
                _route.set(Route(replica=False))
                with connections[PRIMARY].execute_wrapper(_watch_writes):
                    response = self.get_response(request)
        finally:
            _route.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
