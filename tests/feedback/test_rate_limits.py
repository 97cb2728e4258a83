"""Every limit counts what it protects and keys IPv6 by /64: junk from many
addresses cannot close an article's form, and one IPv6 host (a /64 of its
own) gets one allowance, not 2**64."""

import pytest
from django.urls import reverse

from feedback import lifecycle
from feedback.models import Feedback, Kind, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))


def submit(client, article, address, **fields):
    return client.post(
        reverse("feedback:submit", args=[article.pk]),
        form_data(article, **fields),
        REMOTE_ADDR=address,
    )


def junk(client, article, address):
    """What the attack sent: no signed timestamp, one field."""
    return client.post(
        reverse("feedback:submit", args=[article.pk]),
        {"message": "x"},
        REMOTE_ADDR=address,
    )


def test_junk_posts_from_many_addresses_do_not_close_an_articles_form(
    client, article, settings
):
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (10, 600)
    settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE = (120, 3600)
    statuses = {
        junk(client, article, f"198.51.100.{sender}").status_code
        for sender in range(1, 13)
        for _ in range(10)
    }

    reader = submit(client, article, "203.0.113.50", message="公交站台需要遮阳棚。")

    assert statuses == {400}
    assert reader.status_code == 302
    assert Feedback.objects.filter(article=article).count() == 1


def test_honeypot_submissions_do_not_count_against_the_article(
    client, article, settings
):
    settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE = (2, 3600)
    for sender in range(1, 4):
        submit(
            client,
            article,
            f"198.51.100.{sender}",
            message=f"机器人{sender}",
            website="http://spam.example/",
        )

    reader = submit(client, article, "203.0.113.50", message="公交站台需要遮阳棚。")

    assert reader.status_code == 302
    assert Feedback.objects.filter(state=State.SPAM).count() == 3


def test_junk_past_its_own_limit_gets_429_for_its_sender_only(
    client, article, settings
):
    settings.FEEDBACK_RATE_LIMIT_INVALID_PER_IP = (3, 600)
    assert [junk(client, article, "198.51.100.7").status_code for _ in range(3)] == [
        400
    ] * 3

    refused = junk(client, article, "198.51.100.7")

    assert refused.status_code == 429
    assert "操作太频繁" in refused.content.decode()
    assert junk(client, article, "198.51.100.8").status_code == 400
    assert submit(client, article, "203.0.113.50").status_code == 302


def test_submissions_from_one_ipv6_64_share_one_allowance(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (2, 600)
    first = submit(client, article, "2001:db8:1:2::1", message="第一条")
    second = submit(client, article, "2001:db8:1:2::2", message="第二条")

    third = submit(client, article, "2001:db8:1:2:ffff:ffff:ffff:3", message="第三条")
    neighbour = submit(client, article, "2001:db8:1:3::1", message="隔壁网络")

    assert [first.status_code, second.status_code] == [302, 302]
    assert third.status_code == 429
    assert "第三条" in third.content.decode()
    assert neighbour.status_code == 302


def test_junk_from_one_ipv6_64_shares_one_junk_allowance(client, article, settings):
    settings.FEEDBACK_RATE_LIMIT_INVALID_PER_IP = (3, 600)
    for host in range(1, 4):
        junk(client, article, f"2001:db8:1:2::{host}")

    assert junk(client, article, "2001:db8:1:2::99").status_code == 429


def test_lookups_from_one_ipv6_64_share_one_allowance(client, settings):
    settings.FEEDBACK_LOOKUP_RATE_LIMIT_PER_IP = (3, 600)
    for host in range(1, 4):
        client.get(
            reverse("feedback:lookup"),
            {"code": "ABCDE23456"},
            REMOTE_ADDR=f"2001:db8:1:2::{host}",
        )

    response = client.get(
        reverse("feedback:lookup"),
        {"code": "ABCDE23457"},
        REMOTE_ADDR="2001:db8:1:2::99",
    )

    assert response.status_code == 429


def test_reports_from_one_ipv6_64_share_one_allowance(client, article, settings):
    settings.FEEDBACK_REPORT_RATE_LIMIT_PER_IP = (2, 3600)
    item = FeedbackFactory(article=article, kind=Kind.COMMENT)
    lifecycle.publish(item, handler())
    url = reverse("feedback:report", args=[item.pk])
    for host in range(1, 3):
        client.post(url, {"reason": "abuse"}, REMOTE_ADDR=f"2001:db8:1:2::{host}")

    response = client.post(url, {"reason": "abuse"}, REMOTE_ADDR="2001:db8:1:2::99")

    assert response.status_code == 429
    item.refresh_from_db()
    assert item.report_count == 2


def test_ipv4_mapped_ipv6_shares_the_ipv4_addresses_allowance(
    client, article, settings
):
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1, 600)
    submit(client, article, "198.51.100.7", message="第一条")

    response = submit(client, article, "::ffff:198.51.100.7", message="第二条")

    assert response.status_code == 429
