"""A multipart/form-data body whose fields are not UTF-8 is refused with the
same clear 400 as a url-encoded one, on every public POST endpoint, rather
than decoded into replacement characters and stored."""

import base64

import pytest
from django.urls import reverse

from feedback import lifecycle
from feedback.models import Feedback, Kind, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler, walk_to
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db

BOUNDARY = "----newsroom-test-boundary"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def multipart(fields: dict, *, raw: dict = (), files: dict = (), base64_raw=False):
    """A multipart body: `fields` as UTF-8, `raw` as the bytes given (e.g.
    GBK), `files` as (file name, bytes)."""
    parts = []
    for name, value in fields.items():
        parts.append((name, None, str(value).encode()))
    for name, value in dict(raw).items():
        parts.append((name, None, value))
    for name, (filename, content) in dict(files).items():
        parts.append((name, filename, content))
    body = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"'
        headers = ""
        if filename:
            disposition += f'; filename="{filename}"'
            headers = "Content-Type: application/octet-stream\r\n"
        elif base64_raw and name in dict(raw):
            headers = "Content-Transfer-Encoding: base64\r\n"
            content = base64.b64encode(content)
        body += (
            (
                f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n{headers}\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return body + f"--{BOUNDARY}--\r\n".encode()


@pytest.fixture
def article():
    return ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))


@pytest.fixture
def published(article):
    item = FeedbackFactory(article=article, kind=Kind.COMMENT)
    lifecycle.publish(item, handler())
    return item


@pytest.fixture
def replied(article):
    return walk_to(FeedbackFactory(article=article), State.REPLIED, handler())


def post(client, url, body):
    return client.post(url, body, content_type=CONTENT_TYPE)


def assert_refused(response):
    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_a_multipart_feedback_in_gbk_is_a_400_and_nothing_stored(client, article):
    fields = form_data(article)
    del fields["message"]

    response = post(
        client,
        reverse("feedback:submit", args=[article.pk]),
        multipart(fields, raw={"message": "公交站台需要遮阳棚".encode("gbk")}),
    )

    assert_refused(response)
    assert not Feedback.objects.exists()


def test_a_multipart_feedback_in_utf8_is_taken(client, article):
    response = post(
        client,
        reverse("feedback:submit", args=[article.pk]),
        multipart(form_data(article, message="公交站台需要遮阳棚。")),
    )

    assert response.status_code == 302
    assert Feedback.objects.get().message == "公交站台需要遮阳棚。"


def test_a_base64_multipart_field_that_is_not_utf8_is_a_400(client, article):
    fields = form_data(article)
    del fields["message"]

    response = post(
        client,
        reverse("feedback:submit", args=[article.pk]),
        multipart(fields, raw={"message": b"\xff\xfe\xfd"}, base64_raw=True),
    )

    assert_refused(response)
    assert not Feedback.objects.exists()


def test_a_multipart_report_in_latin1_is_a_400(client, published):
    response = post(
        client,
        reverse("feedback:report", args=[published.pk]),
        multipart({}, raw={"reason": "abus\xe9".encode("latin-1")}),
    )

    assert_refused(response)
    published.refresh_from_db()
    assert published.report_count == 0


def test_a_multipart_rating_in_gbk_is_a_400(client, replied):
    response = post(
        client,
        reverse("feedback:track", args=[replied.tracking_code, replied.tracking_token]),
        multipart({"rating": "unsatisfied"}, raw={"reason": "没有解决".encode("gbk")}),
    )

    assert_refused(response)
    replied.refresh_from_db()
    assert replied.state == State.REPLIED


def test_a_multipart_lookup_in_gbk_is_a_400(client):
    response = post(
        client, reverse("feedback:lookup"), multipart({}, raw={"code": b"\xb2\xe9"})
    )

    assert_refused(response)


def test_a_big_multipart_body_with_a_file_is_checked_too(client, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    fields = form_data(article)
    del fields["message"]

    response = post(
        client,
        reverse("feedback:submit", args=[article.pk]),
        multipart(
            fields,
            raw={"message": "公交站台需要遮阳棚".encode("gbk")},
            files={"attachment": ("padding.bin", b"\0" * 5_000)},
        ),
    )

    assert_refused(response)
    assert not Feedback.objects.exists()
