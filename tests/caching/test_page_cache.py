"""The page cache itself: who gets cached pages, under which key, with which
headers."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import make_private
from tests.core.factories import UserFactory


def test_second_anonymous_request_is_a_hit_without_queries(
    client, page_cache, newsroom
):
    url = newsroom["article"].url
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_public_page_has_cache_control_etag_and_last_modified(
    client, page_cache, newsroom
):
    response = client.get(newsroom["column"].url)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=0" in cache_control
    assert "s-maxage=600" in cache_control
    assert response["X-Accel-Expires"] == "10"  # nginx asks again after 10 s
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_headers_are_sent_with_the_page_cache_off_too(client, newsroom):
    response = client.get(newsroom["home"].url)
    assert "s-maxage" in response["Cache-Control"]
    assert response.has_header("ETag")
    assert response.has_header("Last-Modified")


def test_unchanged_page_answers_304_to_its_etag(client, page_cache, newsroom):
    url = newsroom["article"].url
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_unchanged_page_answers_304_since_its_last_modified(
    client, page_cache, newsroom
):
    url = newsroom["column"].url
    last_modified = client.get(url)["Last-Modified"]
    response = client.get(url, headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_logged_in_staff_bypass_the_cache_and_get_private_pages(
    client, page_cache, newsroom
):
    url = newsroom["article"].url
    client.get(url)  # cached for anonymous readers
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_staff_page_is_never_served_to_anonymous_readers(client, page_cache, newsroom):
    url = newsroom["article"].url
    client.force_login(UserFactory(is_superuser=True))
    client.get(url)
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_posts_bypass_the_cache(client, page_cache, newsroom):
    url = newsroom["article"].url
    client.get(url)
    response = client.post(url)
    assert "X-Page-Cache" not in response


def test_traditional_and_simplified_readers_get_separate_copies(
    client, page_cache, newsroom
):
    url = newsroom["article"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    client.cookies["zh_script"] = "hant"
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_each_query_string_is_its_own_copy(client, page_cache, newsroom):
    url = newsroom["column"].url
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url, {"page": "1"})["X-Page-Cache"] == "miss"
    assert client.get(url, {"page": "1"})["X-Page-Cache"] == "hit"


def test_not_found_pages_are_not_cached(client, page_cache, newsroom):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")
    assert "X-Accel-Expires" not in response


def test_admin_pages_are_not_cached(client, page_cache, newsroom):
    response = client.get("/admin/login/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_page_with_a_csrf_token_is_not_shared(client, page_cache, newsroom):
    """A password-protected page shows a form with the reader's own token."""
    make_private(newsroom["article"])
    response = client.get(newsroom["article"].url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")
