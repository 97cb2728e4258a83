"""Retracting, taking down or restoring an article purges every cache layer
at once: the Django page cache (here every page comes back fresh) and every
front cache (nginx, a CDN: a recording backend in their place). The
tombstone itself is cached, with its 410, until a restore purges it."""

import pytest
from django.urls import reverse

from articles import withdrawal
from tests.caching.test_invalidation import cached, fresh
from tests.core.factories import UserFactory


@pytest.fixture
def act(db, django_capture_on_commit_callbacks):
    """Take a withdrawal action as the chief editor does; purges run at the
    commit."""
    chief = UserFactory(is_superuser=True)

    def act(action, page):
        with django_capture_on_commit_callbacks(execute=True):
            return withdrawal.perform(action, page, chief, "数据有误")

    return act


def lists_showing_the_article(newsroom) -> list[str]:
    home, article = newsroom["home"], newsroom["article"]
    return [
        newsroom["column"].url,
        home.url,
        home.tag_url(article.tags.get()),
        "/authors/chen/",
        "/feeds/rss.xml",
        "/feeds/columns/xueyu/atom.xml",
        "/feeds/authors/chen/rss.xml",
    ]


def test_retraction_purges_the_article_and_every_list(
    client, page_cache, newsroom, act
):
    article = newsroom["article"]
    assert client.get(article.url).status_code == 200
    cached(client, article.url)
    for url in lists_showing_the_article(newsroom):
        assert "开好吐槽窗" in cached(client, url)
    act(withdrawal.RETRACT, article)
    response = client.get(article.url)
    assert (response.status_code, response["X-Page-Cache"]) == (410, "miss")
    for url in lists_showing_the_article(newsroom):
        assert "开好吐槽窗" not in fresh(client, url), url
    assert "开好吐槽窗" not in fresh(client, reverse("search"), data={"q": "吐槽窗"})


def test_the_sitemap_is_purged(client, page_cache, newsroom, act):
    article = newsroom["article"]
    assert article.url in cached(client, "/sitemap.xml")
    act(withdrawal.TAKE_DOWN, article)
    assert article.url not in fresh(client, "/sitemap.xml")


def test_the_tombstone_is_cached_with_its_410_until_a_restore(
    client, page_cache, newsroom, act
):
    article = newsroom["article"]
    act(withdrawal.RETRACT, article)
    client.get(article.url)
    response = client.get(article.url)
    assert (response.status_code, response["X-Page-Cache"]) == (410, "hit")
    assert "public" in response["Cache-Control"]
    assert "本文已撤稿" in response.content.decode()
    act(withdrawal.RESTORE, article)
    response = client.get(article.url)
    assert (response.status_code, response["X-Page-Cache"]) == (200, "miss")


def test_take_down_purges_and_the_404_is_not_cached(client, page_cache, newsroom, act):
    article = newsroom["article"]
    cached(client, article.url)
    act(withdrawal.TAKE_DOWN, article)
    for _ in range(2):
        response = client.get(article.url)
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_automatic_related_reading_elsewhere_is_purged_too(
    client, page_cache, newsroom, act
):
    """No purge rule names the pages that offer an article as automatic
    related reading: a withdrawal renews the whole page cache instead."""
    older = newsroom["older"]
    older.tags.add("民生")
    older.save()
    assert "开好吐槽窗" in cached(client, older.url)
    act(withdrawal.TAKE_DOWN, newsroom["article"])
    assert "开好吐槽窗" not in fresh(client, older.url)


def test_every_front_cache_is_sent_the_article_and_its_lists(
    newsroom, act, front_cache
):
    article = newsroom["article"]
    for action in (withdrawal.RETRACT, withdrawal.RESTORE, withdrawal.TAKE_DOWN):
        front_cache.clear()
        act(action, article)
        purged = {url.removeprefix("http://localhost") for url in front_cache}
        expected = {
            article.url,
            *lists_showing_the_article(newsroom),
            "/sitemap.xml",
        }
        assert expected <= purged, (action.name, expected - purged)


def test_listing_counts_are_renewed(newsroom, act):
    from core import listing_counts

    before = listing_counts._generation()
    act(withdrawal.RETRACT, newsroom["article"])
    assert listing_counts._generation() != before
