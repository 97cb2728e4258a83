import socket


def closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url: str) -> dict:
    """The production cache configuration (base.py), pointed at url."""
    return {
        "default": {
            "BACKEND": "ops.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "newsroom-test",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def closed_port_redis_cache() -> dict:
    return redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
