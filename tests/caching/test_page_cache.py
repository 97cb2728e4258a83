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


def test_the_page_cache_comes_first_in_the_middleware(settings):
    assert settings.MIDDLEWARE[0] == "caching.middleware.PageCacheMiddleware"


HEADERS_A_HIT_KEEPS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Vary",
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Content-Type",
]


def test_a_hit_carries_the_headers_of_the_page_as_rendered(
    client, page_cache, newsroom
):
    """The hit skips every other middleware: the stored page has what they
    added, CSP and Vary included."""
    url = newsroom["article"].url
    miss = client.get(url)
    hit = client.get(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for name in HEADERS_A_HIT_KEEPS:
        if miss.has_header(name):
            assert hit[name] == miss[name], name
    assert "default-src" in hit["Content-Security-Policy"]
    assert "Cookie" in hit["Vary"]
    assert hit.content == miss.content


def test_a_hit_answers_304_to_its_etag_without_a_body(client, page_cache, newsroom):
    url = newsroom["column"].url
    client.get(url)
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    other = client.get(url, headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200
    assert other["X-Page-Cache"] == "hit"


def test_a_page_rendered_off_the_cache_has_the_same_headers(client, newsroom):
    """Page cache off: the same public headers, CSP and ETag on every page."""
    response = client.get(newsroom["article"].url)
    assert "default-src" in response["Content-Security-Policy"]
    assert response.has_header("ETag")
    assert "Cookie" in response["Vary"]


def test_each_render_on_a_miss_is_logged_once(client, page_cache, newsroom, caplog):
    """The count the publish-storm benchmark reads (one render per purge)."""
    url = newsroom["article"].url
    with caplog.at_level("INFO", logger="caching.render"):
        client.get(url)
        client.get(url)
        client.get(url)
    rendered = [r for r in caplog.records if r.name == "caching.render"]
    assert [r.getMessage() for r in rendered] == [f"page cache miss: rendered {url}"]
