"""Fixed-window rate limits in the Django cache (Redis in production).

django-ratelimit refuses the local-memory cache that the embedded set-up
uses, and what we need is a counter per key and window: cache.add() creates
it atomically, cache.incr() counts atomically on Redis and local memory."""

import time

from django.core.cache import cache


def allow(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one hit; False once `limit` hits were counted in this window."""
    bucket = int(time.time() // window)
    cache_key = f"rate:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit
