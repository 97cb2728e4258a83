"""Every front cache gets every purge: one PURGE per variant to each nginx
named in NGINX_PURGE_URLS, sent at once; a cache that is away is logged and
its purges are queued (caching/retry.py) without holding up the publish,
and `retry_purges` sends them once it is back."""

import logging
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from caching import retry
from caching.backends import NginxPurgeBackend, variant_headers
from caching.models import PendingPurge
from tests.caching.standin import Silent, StandIn
from tests.newsroom.settings_probe import fresh_base_settings
from tests.ops.redis import closed_port

pytestmark = pytest.mark.django_db


def nginx_caches(*locations) -> dict:
    return {
        "pages": {"BACKEND": "caching.backends.DjangoPageCacheBackend"},
        **{
            f"nginx-{number}": {
                "BACKEND": "caching.backends.NginxPurgeBackend",
                "LOCATION": location,
            }
            for number, location in enumerate(locations, start=1)
        },
    }


@pytest.fixture
def stand_ins():
    servers = []

    def make(**kwargs):
        server = StandIn(**kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def frontend_caches(monkeypatch, **env) -> dict:
    """WAGTAILFRONTENDCACHE as base.py makes it from this environment."""
    for name in ("NGINX_PURGE_URLS", "NGINX_PURGE_URL", "ALIYUN_CDN_ACCESS_KEY_ID"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return fresh_base_settings().WAGTAILFRONTENDCACHE


def test_nginx_purge_urls_lists_every_cache_and_the_single_url_still_reads(
    monkeypatch,
):
    several = frontend_caches(
        monkeypatch, NGINX_PURGE_URLS="http://10.0.0.1:8081, http://10.0.0.2:8081"
    )
    assert [c.get("LOCATION") for c in several.values()] == [
        None,
        "http://10.0.0.1:8081",
        "http://10.0.0.2:8081",
    ]
    one = frontend_caches(monkeypatch, NGINX_PURGE_URL="http://127.0.0.1:8081")
    assert one["nginx-1"] == {
        "BACKEND": "caching.backends.NginxPurgeBackend",
        "LOCATION": "http://127.0.0.1:8081",
    }
    assert list(frontend_caches(monkeypatch)) == ["pages"]


def test_publishing_purges_every_nginx_at_once(settings, stand_ins, newsroom, publish):
    first, second = stand_ins(status=404), stand_ins(status=200)
    settings.WAGTAILFRONTENDCACHE = nginx_caches(first.url, second.url)
    article = newsroom["article"]

    publish(article, title="两台缓存都要清")

    for cache in (first, second):
        paths = cache.paths()
        assert paths.count(article.url) == len(variant_headers())
        assert newsroom["column"].url in paths
        assert "/" in paths
    assert not PendingPurge.objects.exists()  # a 404 is "held no copy"


def test_a_cache_that_is_down_is_logged_queued_and_does_not_stop_the_others(
    settings, stand_ins, newsroom, publish, caplog
):
    up = stand_ins()
    down = f"http://127.0.0.1:{closed_port()}"
    settings.WAGTAILFRONTENDCACHE = nginx_caches(down, up.url)
    article = newsroom["article"]

    with caplog.at_level(logging.ERROR, logger="caching"):
        publish(article, title="一台缓存宕机")

    assert article.url in up.paths()
    queued = PendingPurge.objects.filter(cache=f"nginx {down}")
    assert article.full_url in set(queued.values_list("url", flat=True))
    assert not PendingPurge.objects.exclude(cache=f"nginx {down}").exists()
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1, "one line per cache and publish, not one per URL"
    assert "queued for retry" in errors[0]


def test_a_cache_that_hangs_costs_a_publish_one_timeout_not_one_per_url(
    settings, newsroom, publish
):
    silent = Silent()
    settings.PURGE_TIMEOUT = 1
    settings.WAGTAILFRONTENDCACHE = nginx_caches(silent.url)
    try:
        started = time.monotonic()
        publish(newsroom["article"], title="缓存不回应")
        took = time.monotonic() - started
        attempts = silent.attempts()
    finally:
        silent.close()

    queued = PendingPurge.objects.count()
    assert queued > 3, "the whole batch is queued"
    assert attempts == 1, "after one timeout the rest is not tried"
    assert took < queued * settings.PURGE_TIMEOUT / 2, f"the publish took {took:.1f} s"


def test_one_refused_url_is_queued_alone(settings, stand_ins):
    cache = stand_ins()
    cache.answer = lambda request: (500 if "/bad/" in request.path else 200, b"")
    backend = NginxPurgeBackend({"LOCATION": cache.url})

    backend.purge_batch(
        ["http://localhost/good/", "http://localhost/bad/", "http://localhost/also/"]
    )

    assert list(PendingPurge.objects.values_list("url", flat=True)) == [
        "http://localhost/bad/"
    ]
    assert "/also/" in cache.paths()


def test_retry_purges_sends_the_queue_once_the_cache_is_back(settings, stand_ins):
    cache = stand_ins(status=503)
    settings.WAGTAILFRONTENDCACHE = nginx_caches(cache.url)
    backend = NginxPurgeBackend({"LOCATION": cache.url})
    backend.purge_batch(["http://localhost/a/", "http://localhost/b/"])
    assert PendingPurge.objects.count() == 2

    # Not yet due: nothing is sent.
    call_command("retry_purges")
    sent = len(cache.requests)
    assert PendingPurge.objects.count() == 2

    # Due, still refused: tried again later, twice as long after.
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    call_command("retry_purges")
    assert len(cache.requests) > sent
    row = PendingPurge.objects.get(url="http://localhost/a/")
    assert row.attempts == 2
    wait = row.next_attempt_at - timezone.now()
    assert timedelta(seconds=settings.PURGE_RETRY_SECONDS) < wait <= retry.backoff(2)

    # Due and back: purged and gone from the queue.
    cache.status = 200
    PendingPurge.objects.update(next_attempt_at=timezone.now())
    call_command("retry_purges")
    assert not PendingPurge.objects.exists()
    assert {"/a/", "/b/"} <= set(cache.paths()[-2 * len(variant_headers()) :])


def test_retry_purges_gives_up_on_old_purges_and_unknown_caches(
    settings, stand_ins, caplog
):
    cache = stand_ins()
    settings.WAGTAILFRONTENDCACHE = nginx_caches(cache.url)
    retry.defer(f"nginx {cache.url}", ["http://localhost/old/"], "unreachable")
    retry.defer("nginx http://gone:8081", ["http://localhost/x/"], "unreachable")
    PendingPurge.objects.filter(url__endswith="/old/").update(
        first_failed_at=timezone.now()
        - timedelta(seconds=settings.PURGE_RETRY_GIVE_UP_SECONDS + 1)
    )

    with caplog.at_level(logging.ERROR, logger="caching"):
        call_command("retry_purges")

    assert not PendingPurge.objects.exists()
    assert not cache.requests
    given_up = [r.getMessage() for r in caplog.records if "given up" in r.getMessage()]
    assert len(given_up) == 2


def test_a_url_already_queued_is_queued_once():
    retry.defer("nginx http://a", ["http://localhost/x/"], "first")
    retry.defer("nginx http://a", ["http://localhost/x/", "http://localhost/y/"], "2")
    assert PendingPurge.objects.count() == 2


def test_retry_purges_is_a_scheduled_job(settings):
    jobs = {job["command"] for job in settings.SCHEDULED_COMMANDS}
    assert "retry_purges" in jobs
