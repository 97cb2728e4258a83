"""Reads from a replica (ops/replica.py): anonymous readers' page reads go
to it; the admin, writes, feedback and a browser that just wrote use the
primary; a replica that lags, is down or fails mid-request is never an
error for the reader.

The test settings define the alias "replica" as a mirror of the test
database (Django's test MIRROR): another connection to the same data, so
the tests are transactional (a connection cannot see another's open test
transaction) and count which connection each query went to."""

import logging
from contextlib import contextmanager

import pytest
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from core.models import SiteSettings
from feedback.models import Feedback
from ops import replica
from ops.replica import PIN_COOKIE, PrimaryReplicaRouter, ReplicaMiddleware
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory, site_settings
from tests.feedback.factories import form_data
from tests.home.factories import get_home_page
from tests.newsroom.settings_probe import fresh_base_settings

pytestmark = [
    pytest.mark.replica,
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
]
# For tests that touch no replica connection (on SQLite a non-transactional
# test must not: the mirror shares the in-memory database and its locks).
routing_only = pytest.mark.django_db


@pytest.fixture(autouse=True)
def replica_on(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1000, 600)
    replica.health.record(True, "")
    replica.health.checked_at = None
    yield
    replica.health.record(True, "")
    # On SQLite the mirror shares the in-memory test database: a connection
    # left open could hold a table lock into the next test's clean-up.
    connections["replica"].close()


@pytest.fixture
def article(db):
    site_settings()  # as on a running site: no first-request get_or_create
    column = ColumnPageFactory(parent=get_home_page(), slug="qinglan")
    return ArticlePageFactory(parent=column, slug="chuangkou", title="窗口办事")


class Queries:
    """How many queries each connection ran inside the block."""

    def __init__(self):
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])

    def __enter__(self):
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    def selects(self, which) -> list[str]:
        return [
            query["sql"]
            for query in getattr(self, which).captured_queries
            if query["sql"].lstrip().upper().startswith("SELECT")
        ]

    def reads(self, which) -> int:
        return len(self.selects(which))

    def read(self, which, table) -> bool:
        return any(f"FROM {table}" in sql for sql in self.selects(which))


def test_an_anonymous_reader_reads_the_page_from_the_replica(client, article):
    with Queries() as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    assert "窗口办事" in response.content.decode()
    # The site, the page tree and the page come from the replica; the primary
    # only answers what asks it by name (get_or_create of the site settings,
    # raw SQL on the default connection).
    assert queries.read("replica", '"wagtailcore_site"')
    assert queries.read("replica", '"wagtailcore_pageviewrestriction"')
    assert not queries.read("primary", '"wagtailcore_site"')
    assert queries.reads("replica") > queries.reads("primary")


def test_staff_and_the_admin_read_from_the_primary(client, article):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with Queries() as queries:
        assert client.get(article.url).status_code == 200
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert queries.reads("replica") == 0
    assert queries.reads("primary") > 0


def test_the_admin_reads_from_the_primary_even_without_a_session(client, settings):
    settings.WAGTAILADMIN_PATH = "admin/"
    with Queries() as queries:
        client.get("/admin/login/")
    assert queries.reads("replica") == 0


def test_feedback_is_written_to_the_primary_and_pins_the_browser_to_it(
    client, article, settings
):
    with Queries() as queries:
        response = client.post(
            reverse("feedback:submit", args=[article.pk]), form_data(article)
        )
    assert response.status_code == 302
    assert Feedback.objects.count() == 1
    assert queries.reads("replica") == 0
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS == 10
    assert pin["httponly"]

    # The tracking page and the article, within the pin: the primary.
    with Queries() as queries:
        assert client.get(response["Location"]).status_code == 200
        assert client.get(article.url).status_code == 200
    assert queries.reads("replica") == 0

    # The pin has expired.
    client.cookies.pop(PIN_COOKIE)
    with Queries() as queries:
        client.get(article.url)
    assert queries.reads("replica") > 0


def test_pages_never_carry_the_pin_cookie_cached_or_not(client, article, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(article.url)
    again = client.get(article.url)
    client.cookies[PIN_COOKIE] = "1"
    pinned = client.get(article.url)
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, again, pinned):
        assert PIN_COOKIE not in response.cookies
        assert "Set-Cookie" not in response


def test_the_rest_of_a_request_that_wrote_reads_from_the_primary(article):
    seen = []

    def view(request):
        seen.append(Page.objects.all().db)
        SiteSettings.for_site(article.get_site())  # get_or_create: no write
        seen.append(Page.objects.all().db)
        article.title = "改过的标题"
        article.save(update_fields=["title"])
        seen.append(Page.objects.all().db)
        return HttpResponse("ok")

    response = ReplicaMiddleware(view)(RequestFactory().get("/anything/"))
    assert seen == ["replica", "replica", "default"]
    assert PIN_COOKIE not in response.cookies, "a GET that wrote is not pinned"


@routing_only
def test_code_outside_a_request_uses_the_primary():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Page) == "default"
    assert router.db_for_write(Page) == "default"
    assert router.allow_migrate("replica", "wagtailcore") is False
    assert router.allow_migrate("default", "wagtailcore") is True


def test_sessions_and_the_login_throttle_are_always_read_from_the_primary():
    from django.contrib.sessions.models import Session

    request = RequestFactory().get("/")
    seen = {}

    def view(request):
        router = PrimaryReplicaRouter()
        seen["session"] = router.db_for_read(Session)
        seen["page"] = router.db_for_read(Page)
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    assert seen == {"session": "default", "page": "replica"}


def test_a_lagging_replica_is_left_alone_logged_once_and_used_again_later(
    client, article, monkeypatch, settings, caplog
):
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    monkeypatch.setattr(replica.health, "check", lambda: (False, "12 s behind"))
    with caplog.at_level(logging.WARNING, logger="ops.replica"):
        with Queries() as queries:
            for _ in range(3):
                assert client.get(article.url).status_code == 200
        assert queries.reads("replica") == 0
        monkeypatch.setattr(replica.health, "check", lambda: (True, ""))
        with Queries() as queries:
            assert client.get(article.url).status_code == 200
        assert queries.reads("replica") > 0

    messages = [r.getMessage() for r in caplog.records if r.name == "ops.replica"]
    assert messages == [
        "Database replica 12 s behind: reading from the primary",
        "Database replica usable again: readers back on it",
    ]


@routing_only
def test_the_health_check_is_cached_for_a_few_seconds(monkeypatch, settings):
    settings.DATABASE_REPLICA_CHECK_SECONDS = 60
    checks = []
    monkeypatch.setattr(replica.health, "check", lambda: checks.append(1) or (True, ""))
    for _ in range(5):
        assert replica.health.is_usable()
    assert len(checks) == 1


def test_the_lag_query_answers_on_this_database(settings):
    """On a server that is not a standby it says 0; the cluster test
    (tests/cluster/) runs it on a real streaming replica."""
    usable, problem = replica.health.check()
    assert (usable, problem) == (True, "")


SERVER_GONE = OperationalError("server closed the connection unexpectedly")


@contextmanager
def replica_failing(error=SERVER_GONE):
    def fail(execute, sql, params, many, context):
        raise error

    with connections["replica"].execute_wrapper(fail):
        yield


def test_a_replica_that_is_down_sends_readers_to_the_primary(article, settings, caplog):
    client = Client(raise_request_exception=False)
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    with replica_failing(), Queries() as queries:
        response = client.get(article.url)
    assert response.status_code == 200
    assert queries.reads("primary") > 0
    assert "Database replica unavailable" in caplog.text


def test_a_replica_connection_already_closed_counts_as_unavailable(settings, caplog):
    """psycopg2 raises InterfaceError, not a DatabaseError, on a connection
    the server dropped: the health check must log it and move readers,
    not raise it into the reader's request."""
    settings.DATABASE_REPLICA_CHECK_SECONDS = 0
    replica.health.record(True, "")
    with replica_failing(InterfaceError("connection already closed")):
        assert replica.health.is_usable() is False
    assert "Database replica unavailable (connection already closed)" in caplog.text


def test_a_replica_failing_mid_request_is_answered_again_from_the_primary(
    article, settings, caplog
):
    client = Client(raise_request_exception=False)
    settings.DATABASE_REPLICA_CHECK_SECONDS = 60
    replica.health.record(True, "")  # it was fine a moment ago
    with replica_failing():
        response = client.get(article.url)
    assert response.status_code == 200
    assert "窗口办事" in response.content.decode()
    assert "answered from the primary" in caplog.text
    assert replica.health.checked_at is None, "checked again at the next read"


@routing_only
def test_database_replica_url_adds_the_replica_and_turns_its_reads_on(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@10.0.0.3:5432/news")
    settings = fresh_base_settings()
    assert settings.DATABASE_REPLICA_ALIAS == "replica"
    replica_db = settings.DATABASES["replica"]
    assert (replica_db["HOST"], replica_db["NAME"]) == ("10.0.0.3", "news")
    assert replica_db["OPTIONS"]["connect_timeout"] == 2
    assert replica_db["CONN_HEALTH_CHECKS"] is True

    monkeypatch.delenv("DATABASE_REPLICA_URL")
    settings = fresh_base_settings()
    assert settings.DATABASE_REPLICA_ALIAS == ""
    assert "replica" not in settings.DATABASES
