"""PostgreSQL restarts under load: readers, editors signing in and readers
sending feedback get a clear 503 while it is down, nothing is half-written,
and the same gunicorn process serves normally again once it is back,
without being restarted.

These tests stop the shared PostgreSQL server: run them alone
(`make test-resilience`), never beside another suite on the same server."""

import re
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import issued
from tests.home.factories import get_home_page
from tests.resilience.conftest import wait_for

pytestmark = [
    pytest.mark.resilience,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long and correct password"


def csrf_cookie(response) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if "csrftoken" in cookie:
            return cookie["csrftoken"].value
    raise AssertionError(f"no CSRF cookie in {response.headers}")


class Repeating:
    """Calls `once(number)` every `interval` seconds in a thread while the
    `with` block runs (three minutes at the most), numbering the calls."""

    interval: float

    def __init__(self):
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def once(self, number):
        raise NotImplementedError

    def run(self):
        deadline = time.monotonic() + 180
        number = 0
        while not self.stopping.is_set() and time.monotonic() < deadline:
            self.once(number)
            number += 1
            time.sleep(self.interval)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=30)


class Load(Repeating):
    """GETs a URL every 50 ms in a thread and records what came back."""

    interval = 0.05

    def __init__(self, server, path):
        self.server = server
        self.path = path
        self.results = []
        super().__init__()

    def once(self, number):
        try:
            # A session cookie takes the request past the page cache,
            # which would otherwise keep serving the article from Redis.
            response = self.server.request(
                self.path, headers={"Cookie": "sessionid=uncached"}, timeout=10
            )
            self.results.append((response.status, response.headers.get("Retry-After")))
        except OSError as error:
            self.results.append((type(error).__name__, None))


class Login:
    """The admin login form, posted like a browser would (CSRF cookie and
    token), over plain HTTP to the gunicorn behind the proxy."""

    def __init__(self, server):
        self.server = server
        page = server.request("/admin/login/")
        assert page.status == 200
        self.cookie = csrf_cookie(page)
        self.token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text
        )[1]

    def post(self):
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "username": "editor",
                "password": PASSWORD,
            }
        ).encode()
        return self.server.request(
            "/admin/login/",
            data=body,
            headers={
                "Cookie": f"csrftoken={self.cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )


@pytest.fixture
def newsroom(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    get_user_model().objects.create_superuser("editor", "e@example.com", PASSWORD)
    column = ColumnPageFactory(parent=get_home_page(), slug="xueyu")
    return ArticlePageFactory(parent=column, slug="restart", title="重启也不怕")


def test_pages_answer_503_while_postgresql_restarts_and_recover_without_an_app_restart(
    newsroom, start_server, postgres_restarts
):
    server = start_server()
    assert server.request(newsroom.url).status == 200

    with Load(server, newsroom.url) as load:
        time.sleep(0.5)
        postgres_restarts.stop()
        assert wait_for(lambda: load.results and load.results[-1][0] == 503, timeout=15)
        outage = server.request(newsroom.url, headers={"Cookie": "sessionid=uncached"})
        time.sleep(1)
        postgres_restarts.start()
        assert wait_for(lambda: load.results[-1][0] == 200, timeout=30)
        time.sleep(1)

    statuses = [status for status, _ in load.results]
    assert set(statuses) <= {200, 503}, statuses
    assert 503 in statuses
    assert all(retry == "30" for status, retry in load.results if status == 503)
    assert statuses[-5:] == [200] * 5
    assert outage.status == 503
    assert "网站暂时无法访问" in outage.text
    assert server.process.poll() is None, "gunicorn kept running"
    assert server.request("/healthz").status == 200


def test_a_login_posted_during_the_outage_gets_a_503_and_writes_nothing(
    newsroom, start_server, postgres_restarts
):
    server = start_server()
    form = Login(server)
    sessions_before = Session.objects.count()

    postgres_restarts.stop()
    during = form.post()
    postgres_restarts.start()
    after = form.post()

    assert during.status == 503
    assert "没有保存" in during.text
    assert after.status == 302
    assert Session.objects.count() == sessions_before + 1
    assert get_user_model().objects.get(username="editor").last_login is not None


class FeedbackLoad(Repeating):
    """Readers sending feedback every 80 ms, each from their own address,
    each with their own message, round-robin over the articles."""

    interval = 0.08

    def __init__(self, server, articles):
        self.server = server
        self.articles = articles
        self.sent = []  # (message, status)
        super().__init__()

    def post(self, number):
        article = self.articles[number % len(self.articles)]
        message = f"第{number}位读者:窗口下午几点关门?"
        body = urlencode(
            {
                "kind": "suggestion",
                "message": message,
                "display_name": "",
                "contact": "",
                "website": "",
                "issued": issued(article),
            }
        ).encode()
        response = self.server.request(
            f"/feedback/article/{article.pk}/",
            data=body,
            headers={
                # The form lives on cached pages: the browser's Origin header,
                # not a per-reader CSRF token, proves it was sent from here.
                "Origin": self.server.url,
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": f"203.0.{113 + number // 250}.{number % 250}",
            },
        )
        self.sent.append((message, response.status))

    def once(self, number):
        try:
            self.post(number)
        except OSError as error:
            self.sent.append((None, type(error).__name__))


def test_feedback_sent_while_postgresql_restarts_is_stored_whole_or_refused_clearly(
    newsroom, start_server, postgres_restarts
):
    column = newsroom.get_parent()
    articles = [newsroom] + [
        ArticlePageFactory(parent=column, slug=f"more-{n}") for n in range(3)
    ]
    server = start_server()

    with FeedbackLoad(server, articles) as load:
        assert wait_for(lambda: len(load.sent) >= 5, timeout=30)
        postgres_restarts.stop()
        assert wait_for(lambda: load.sent[-1][1] == 503, timeout=15)
        time.sleep(1)
        postgres_restarts.start()
        assert wait_for(lambda: load.sent[-1][1] == 302, timeout=30)
        time.sleep(1)

    statuses = [status for _, status in load.sent]
    assert set(statuses) <= {302, 503}, statuses
    assert 503 in statuses
    assert statuses[-5:] == [302] * 5
    accepted = {message for message, status in load.sent if status == 302}
    refused = {message for message, status in load.sent if status == 503}
    stored = Feedback.objects.filter(message__in=accepted | refused)
    assert {item.message for item in stored} >= accepted, "every 302 was stored"
    # A refused submission is not stored; only one whose COMMIT reached the
    # server just as it stopped could be, and then it is complete.
    assert len({item.message for item in stored} & refused) <= 1
    for item in stored:
        assert item.tracking_code and item.events.exists(), "never half-written"
