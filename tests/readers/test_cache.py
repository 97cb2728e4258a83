"""A verified reader's article is the page every reader gets: the reader's
cookie does not bypass the page cache, and the per-reader state comes from
/readers/me.json, which no cache keeps."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caching.policy import bypass_reason
from tests.readers.conftest import sign_in_client
from tests.readers.factories import ReaderFactory

pytestmark = pytest.mark.django_db


def test_verified_readers_article_request_is_a_cache_hit(
    page_cache, newsroom, settings
):
    url = newsroom["article"].url
    anonymous, verified = Client(), Client()
    sign_in_client(verified, ReaderFactory(nickname="江城老李"), settings)
    assert verified.get(reverse("readers:state")).json()["verified"]

    first = anonymous.get(url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as anonymous_queries:
        anonymous_hit = anonymous.get(url)
    with CaptureQueriesContext(connection) as verified_queries:
        verified_hit = verified.get(url)
    assert (anonymous_hit["X-Page-Cache"], verified_hit["X-Page-Cache"]) == (
        "hit",
        "hit",
    )
    assert len(verified_queries) == len(anonymous_queries) == 0
    assert verified_hit.content == anonymous_hit.content
    assert "江城老李" not in verified_hit.content.decode()


def test_verified_reader_on_a_miss_gets_the_anonymous_page_and_queries(
    page_cache, newsroom, settings
):
    """The first request after a purge, made by a verified reader, renders
    the page every reader gets, with the same number of queries."""
    url = newsroom["article"].url
    from django.core.cache import caches

    anonymous, verified = Client(), Client()
    sign_in_client(verified, ReaderFactory(), settings)
    anonymous.get(url)  # warm what every page shares
    counts = []
    for client in (anonymous, verified):
        caches[settings.PAGE_CACHE_ALIAS].clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert not response.cookies
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_reader_cookie_is_not_a_cache_bypass_cookie(settings, rf):
    request = rf.get("/some-article/")
    request.COOKIES[settings.READER_COOKIE_NAME] = "signed"
    assert bypass_reason(request) is None
    assert settings.READER_COOKIE_NAME not in settings.PAGE_CACHE_BYPASS_COOKIES
    nginx = open("deploy/nginx/newsroom.conf.template").read()
    assert settings.READER_COOKIE_NAME not in nginx


def test_reader_pages_are_excluded_from_the_caches(page_cache, client, rf):
    assert bypass_reason(rf.get(reverse("readers:state"))) == "path"
    response = client.get(reverse("readers:state"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
