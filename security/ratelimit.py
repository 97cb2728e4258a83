"""Fixed-window rate limits in the Django cache (Redis in production).

django-ratelimit refuses the local-memory cache that the embedded set-up
uses, and what we need is a counter per key and window: cache.add() creates
it atomically, cache.incr() counts atomically on Redis and local memory.

Every per-address limit keys the client by limit_key(): one IPv6 host is
given a whole /64 network, so counting its addresses one by one would give
it 2**64 allowances."""

import ipaddress
import time

from django.core.cache import cache

from security.client_ip import client_ip

IPV6_PREFIX = 64


def limit_key(ip: str) -> str:
    """What a per-address limit counts by: an IPv4 address as it is, an IPv6
    address as its /64 network, an IPv4-mapped IPv6 address as the IPv4
    address. Anything unparsable is kept as given."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def client_key(request) -> str:
    """limit_key() of the request's client address (security.client_ip)."""
    return limit_key(client_ip(request))


def allow(scope: str, key: str, limit: int, window: int) -> bool:
    """Count one hit; False once `limit` hits were counted in this window.
    Per-address limits pass client_key(request) (or limit_key(ip)) as key.

    The counters live in the shared cache (Redis), so a limit holds across
    every app server. While Redis is lost (ops/cache.py answers None instead
    of raising) nothing can be counted and every hit is allowed: the limits
    fail open, and the site's other defences go on working."""
    bucket = int(time.time() // window)
    cache_key = f"rate:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    if count is None:  # the cache is unreachable
        return True
    return count <= limit
