"""The site keeps serving when Redis is gone: reads miss, writes are dropped,
and the loss is logged (django-redis with IGNORE_EXCEPTIONS)."""

import logging
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import cache

from ops.cache import RETRY_AFTER
from tests.ops.redis import closed_port, closed_port_redis_cache, redis_cache

pytestmark = pytest.mark.django_db


class OwnRedis:
    """A throwaway redis-server of this test's own, so stopping it never
    disturbs the shared one."""

    def __init__(self):
        self.port = closed_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.server = None

    def start(self):
        self.server = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.server:
            self.server.kill()
            self.server.wait(timeout=10)
            self.server = None


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_pages_are_served_when_redis_is_unreachable_and_the_loss_is_logged(
    client, settings, caplog
):
    settings.CACHES = closed_port_redis_cache()

    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        cache.set("probe", "value")
        first = client.get("/")
        second = client.get("/")

    assert first.status_code == second.status_code == 200
    assert cache.get("probe") is None
    outage_logs = [r for r in caplog.records if r.name == "ops.cache"]
    assert len(outage_logs) == 1, "one line per outage, not one per cache call"
    assert outage_logs[0].levelname == "ERROR"
    assert "Redis unavailable" in outage_logs[0].getMessage()


def test_pages_keep_being_served_when_redis_dies_and_the_cache_returns_with_it(
    client, settings, own_redis, monkeypatch, caplog
):
    settings.CACHES = redis_cache(own_redis.url)
    cache.set("probe", "value")
    assert cache.get("probe") == "value"
    assert client.get("/").status_code == 200

    own_redis.stop()

    assert cache.get("probe") is None
    assert client.get("/").status_code == 200
    assert client.get("/healthz").json()["status"] == "degraded"

    own_redis.start()
    later = time.monotonic() + RETRY_AFTER + 1
    monkeypatch.setattr("ops.cache.monotonic", lambda: later)

    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        cache.set("probe", "again")
        assert cache.get("probe") == "again"
    assert "Redis reachable again" in caplog.records[-1].getMessage()
    assert client.get("/healthz").json()["status"] == "ok"
