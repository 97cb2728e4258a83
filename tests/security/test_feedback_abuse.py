"""The feedback form is the site's one public input: attacked here field by
field. Every probe gets a clear 4xx or is stored as inert text."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback import lifecycle
from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import form_data, handler
from tests.home.factories import get_home_page
from tests.security.payloads import XSS_PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.FEEDBACK_RATE_LIMIT_ENABLED = False


@pytest.fixture
def article():
    column = ColumnPageFactory(parent=get_home_page(), slug="xueyu")
    return ArticlePageFactory(parent=column, slug="kai-chuang")


def submit_url(article) -> str:
    return reverse("feedback:submit", args=[article.pk])


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_feedback_field_is_kept_as_inert_text_everywhere(
    client, article, payload
):
    response = client.post(
        submit_url(article),
        form_data(
            article,
            kind="comment",
            message=f"读后感{payload}",
            display_name=payload[:20],
            contact="",
        ),
    )
    assert response.status_code == 302
    item = Feedback.objects.get()
    tracking = client.get(response["Location"])
    staff = handler()
    lifecycle.publish(item, staff)

    pages = [tracking, client.get(article.url)]
    admin = Client()
    admin.force_login(UserFactory(is_superuser=True))
    pages += [
        admin.get(reverse("wagtailsnippets_feedback_feedback:list")),
        admin.get(reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])),
    ]
    for page in pages:
        assert page.status_code == 200
        assert_inert(page.content.decode())
    assert any("读后感" in page.content.decode() for page in pages[1:2])


def test_a_feedback_post_without_a_csrf_token_is_refused_and_nothing_stored(article):
    client = Client(enforce_csrf_checks=True)

    response = client.post(submit_url(article), form_data(article))

    # The form sits on cached pages, so the browser's Origin / Sec-Fetch-Site
    # headers stand in for the per-reader token (caching/cross_origin.py).
    assert response.status_code == 403
    assert "本站" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_feedback_post_with_a_forged_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    client.get(article.url)
    client.cookies["csrftoken"] = "A" * 32

    response = client.post(
        submit_url(article), {**form_data(article), "csrfmiddlewaretoken": "B" * 32}
    )

    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_an_oversized_feedback_body_is_a_400_and_nothing_stored(client, article):
    response = client.post(
        submit_url(article),
        "message=" + "长" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_message_over_the_limit_is_a_400_with_the_text_kept(client, article):
    response = client.post(submit_url(article), form_data(article, message="长" * 5000))

    assert response.status_code == 400
    assert "长" * 100 in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_feedback_body_that_is_not_utf8_is_a_400(client, article):
    body = b"kind=complaint&message=%ff%fe%fd&display_name=x"

    response = client.post(
        submit_url(article), body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "contact",
    [
        "reader@example.com\r\nBcc: victim@example.com",
        "reader@example.com\nSubject: 中奖了",
        "reader@example.com,victim@example.com",
        '"x\r\nBcc: victim@example.com" <reader@example.com>',
    ],
)
def test_header_injection_in_the_contact_email_is_refused(client, article, contact):
    response = client.post(submit_url(article), form_data(article, contact=contact))

    assert response.status_code == 400
    assert "邮箱格式不正确" in response.content.decode()
    assert not Feedback.objects.exists()
    assert all("victim" not in str(m.recipients()) for m in mail.outbox)


@pytest.mark.parametrize(
    "code", ["' OR 1=1 --", "'; DROP TABLE feedback_feedback; --", "%", "_" * 8]
)
def test_sql_ish_tracking_code_lookups_find_nothing(client, article, code):
    client.post(submit_url(article), form_data(article))

    response = client.get(reverse("feedback:lookup"), {"code": code})

    assert response.status_code in {200, 400, 404}
    assert "小林" not in response.content.decode()
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("token", ["x", "' OR '1'='1", "../../etc/passwd", "0" * 64])
def test_a_guessed_tracking_token_shows_nothing(client, article, token):
    client.post(submit_url(article), form_data(article))
    item = Feedback.objects.get()

    response = client.get(f"/feedback/t/{item.tracking_code}/{token}/")

    assert response.status_code == 404
    assert item.message not in response.content.decode()


def test_feedback_on_a_page_id_that_is_not_an_article_is_a_404(client, article):
    for page_id in [get_home_page().pk, 999999]:
        assert (
            client.post(f"/feedback/article/{page_id}/", form_data(article)).status_code
            == 404
        )
    assert not Feedback.objects.exists()
