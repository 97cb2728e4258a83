"""A like, a report and a sanction change nothing on the cached article:
other readers keep getting the page-cache hit (the counts come from an
uncached endpoint). A burst of reports that hides a comment, and a staff
action that changes what readers see (精选, 置顶), purge it."""

import pytest
from django.test import Client
from django.urls import reverse

from feedback import comment_actions, lifecycle
from feedback.models import Kind
from readers import standing
from tests.feedback.factories import FeedbackFactory, handler
from tests.readers.conftest import sign_in_client
from tests.readers.factories import ReaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(page_cache, newsroom, django_capture_on_commit_callbacks):
    """A published comment under the article, and the article cached."""
    staff = handler()
    item = FeedbackFactory(
        article=newsroom["article"], kind=Kind.COMMENT, message="说到点子上了"
    )
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(item, staff)
    url = newsroom["article"].url
    other = Client()
    assert other.get(url)["X-Page-Cache"] == "miss"
    assert other.get(url)["X-Page-Cache"] == "hit"
    return {"url": url, "item": item, "staff": staff, "other": other}


def reader_client(settings):
    client = Client()
    sign_in_client(client, ReaderFactory(), settings)
    return client


def test_a_like_leaves_the_article_a_cache_hit(
    scene, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_client(settings).post(
            reverse("feedback:like", args=[scene["item"].pk]),
            HTTP_ACCEPT="application/json",
        )
    assert response.json()["likes"] == 1
    assert scene["other"].get(scene["url"])["X-Page-Cache"] == "hit"


def test_a_report_leaves_the_article_a_cache_hit(
    scene, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = reader_client(settings).post(
            reverse("feedback:report", args=[scene["item"].pk]),
            {"category": "bullying"},
        )
    assert response.status_code == 200
    scene["item"].refresh_from_db()
    assert scene["item"].report_count == 1
    assert scene["other"].get(scene["url"])["X-Page-Cache"] == "hit"


def test_a_sanction_leaves_the_article_a_cache_hit(
    scene, settings, django_capture_on_commit_callbacks
):
    reader = scene["item"].reader or ReaderFactory()
    with django_capture_on_commit_callbacks(execute=True):
        standing.apply(reader, "mute", user=scene["staff"], reason="辱骂", days=3)
    assert scene["other"].get(scene["url"])["X-Page-Cache"] == "hit"


def test_a_burst_of_reports_purges_the_article(
    scene, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_REPORT_HIDE_AFTER = (2, 3600)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reader_client(settings).post(
                reverse("feedback:report", args=[scene["item"].pk]),
                {"category": "bullying"},
            )
    response = scene["other"].get(scene["url"])
    assert response["X-Page-Cache"] == "miss"
    assert "说到点子上了" not in response.content.decode()


@pytest.mark.parametrize("action", ["feature", "pin"])
def test_featuring_or_pinning_purges_the_article(
    scene, action, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_actions.take(scene["item"], action, scene["staff"], "好评论")
    response = scene["other"].get(scene["url"])
    assert response["X-Page-Cache"] == "miss"
    assert 'data-pinned="1"' in response.content.decode() or action == "feature"


def test_deleting_a_comment_purges_the_article(
    scene, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_actions.take(scene["item"], "delete", scene["staff"], "违法信息")
    response = scene["other"].get(scene["url"])
    assert response["X-Page-Cache"] == "miss"
    assert "说到点子上了" not in response.content.decode()


def test_a_like_reorders_the_hottest_list_at_once_and_the_article_stays_a_hit(
    scene, newsroom, settings, django_capture_on_commit_callbacks
):
    """最热 is a page under /feedback/ that no cache keeps: a like shows
    there at once, and the cached article is neither purged nor split."""
    article = newsroom["article"]
    newer = FeedbackFactory(article=article, kind=Kind.COMMENT, message="后来的评论")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(newer, scene["staff"])
    other = scene["other"]
    assert other.get(scene["url"])["X-Page-Cache"] == "miss"
    assert other.get(scene["url"])["X-Page-Cache"] == "hit"
    hottest = reverse("feedback:hottest", args=[article.pk])

    def order():
        html = other.get(hottest).content.decode()
        return html.index("说到点子上了") < html.index("后来的评论")

    assert not order()  # no likes: newest first
    with django_capture_on_commit_callbacks(execute=True):
        reader_client(settings).post(
            reverse("feedback:like", args=[scene["item"].pk]),
            HTTP_ACCEPT="application/json",
        )
    assert order()  # the liked, older comment first
    response = other.get(hottest)
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
    assert "no-store" in response["Cache-Control"]
    assert other.get(scene["url"])["X-Page-Cache"] == "hit"
