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


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("IGNORE_EXCEPTIONS", True)
        pool_kwargs = options.setdefault("CONNECTION_POOL_KWARGS", {})
        pool_kwargs.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def client(self):
        return _GuardedClient(self, super().client)

    def _is_resting(self) -> bool:
        return self._down and monotonic() < self._down_until

    def _failed(self, error: ConnectionInterrupted) -> None:
        with self._lock:
            if not self._down:
                logger.error(
                    "Redis unavailable (%s): serving without cache, retrying every %ss",
                    error,
                    RETRY_AFTER,
                )
            self._down = True
            self._down_until = monotonic() + RETRY_AFTER

    def _succeeded(self) -> None:
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
                    logger.warning("Redis reachable again: cache back in use")


class _GuardedClient:
    """The django-redis client, short-circuited while Redis is resting."""

    def __init__(self, cache: ResilientRedisCache, client):
        self._cache = cache
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def guarded(*args, **kwargs):
            if self._cache._is_resting():
                raise ConnectionInterrupted(connection=None)
            try:
                result = attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                self._cache._failed(error)
                raise
            self._cache._succeeded()
            return result

        return guarded
