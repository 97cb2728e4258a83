"""A Redis cache the site can lose without noticing.

django-redis with IGNORE_EXCEPTIONS already turns a failed read into a miss
and a failed write into a no-op. Two things are added here: redis-py retries
a refused connection with back-off (seconds per cache call, several calls
per page), so retries are off and, after a failure, Redis is left alone for
RETRY_AFTER seconds (a circuit breaker); and the outage is logged once when
it starts and once when it ends, not once per cache call."""

import logging
import threading
from time import monotonic

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0


class _Breaker:
    """Whether Redis is resting, shared by every thread's cache object
    (Django keeps one per thread) so an outage is noticed and logged once
    per process."""

    def __init__(self):
        self.down = False
        self.down_until = 0.0
        self.lock = threading.Lock()

    def resting(self) -> bool:
        return self.down and monotonic() < self.down_until

    def failed(self, error) -> None:
        with self.lock:
            if not self.down:
                logger.error(
                    "Redis unavailable (%s): serving without cache, retrying every %ss",
                    error,
                    RETRY_AFTER,
                )
            self.down = True
            self.down_until = monotonic() + RETRY_AFTER

    def succeeded(self) -> None:
        if self.down:
            with self.lock:
                if self.down:
                    self.down = False
                    logger.warning("Redis reachable again: cache back in use")


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("IGNORE_EXCEPTIONS", True)
        pool_kwargs = options.setdefault("CONNECTION_POOL_KWARGS", {})
        pool_kwargs.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)
        self.breaker = breaker_for(str(server))

    @property
    def client(self):
        return _GuardedClient(self.breaker, super().client)


class _GuardedClient:
    """The django-redis client, short-circuited while Redis is resting."""

    def __init__(self, breaker: _Breaker, client):
        self._breaker = breaker
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            if self._breaker.resting():
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._breaker.failed(error)
                raise
            self._breaker.succeeded()
            return result

        return guarded
