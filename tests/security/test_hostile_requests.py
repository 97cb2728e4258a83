"""Malformed and hostile requests: oversized, too many fields, not UTF-8,
NUL bytes, unknown hosts, path traversal. Each is a clear 4xx."""

import pytest
from django.urls import reverse

from tests.articles.factories import ColumnPageFactory
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def column():
    return ColumnPageFactory(parent=get_home_page(), slug="xueyu")


def test_an_oversized_form_body_is_a_400(client):
    body = "username=" + "x" * (3 * 1024 * 1024)

    response = client.post(
        reverse("wagtailadmin_login"),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_too_many_form_fields_is_a_400(client):
    body = "&".join(f"f{n}=1" for n in range(10_001))

    response = client.post(
        reverse("wagtailadmin_login"),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["page=%ff%fe", "q=%C0%AF", "page=1&x=%80"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, column, query):
    response = client.get(f"{column.url}?{query}")

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_a_form_body_that_is_not_utf8_is_a_400_and_logs_nobody_in(client):
    UserFactory(username="editor", password="pw-for-editor")

    response = client.post(
        reverse("wagtailadmin_login"),
        b"username=editor%ff&password=pw-for-editor",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/%ff%fe/", "/%C0%AF/", "/xueyu/%00/"])
def test_a_path_that_is_not_utf8_or_holds_a_nul_is_a_404(client, column, path):
    assert client.get(path).status_code == 404


def test_an_unknown_host_header_is_a_400(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/media/../site/settings/base.py",
        "/media/%2e%2e/site/settings/base.py",
        "/media/..%2f..%2fetc/passwd",
        "/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/media//etc/passwd",
        "/documents/1/..%2f..%2fsite%2fsettings%2fbase.py",
    ],
)
def test_path_traversal_in_media_urls_finds_nothing(client, path):
    response = client.get(path)

    assert response.status_code in {400, 404}
    assert b"SECRET_KEY" not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )
