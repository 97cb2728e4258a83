"""Publish → the cached tag, archive, feed and search pages show the change
on the next request (caching/rules.py)."""

from django.urls import reverse
from django.utils import timezone

from tests.caching.test_invalidation import cached, fresh


def test_publishing_purges_the_tag_pages(client, page_cache, newsroom, publish):
    tag_url = newsroom["home"].tag_url(newsroom["article"].tags.get())
    assert "开好吐槽窗" in cached(client, tag_url)
    publish(newsroom["article"], title="标签页上的新标题")
    assert "标签页上的新标题" in fresh(client, tag_url)


def test_publishing_purges_the_archive_pages(client, page_cache, newsroom, publish):
    article, home = newsroom["article"], newsroom["home"]
    when = timezone.localtime(article.first_published_at)
    for url in (home.archive_url(when.year), home.archive_url(when.year, when.month)):
        cached(client, url)
        publish(article, title=f"存档里的新标题{url[-3:-1]}")
        assert f"存档里的新标题{url[-3:-1]}" in fresh(client, url)


def test_publishing_purges_the_site_column_and_author_feeds(
    client, page_cache, newsroom, publish
):
    urls = [
        reverse("feeds:site_rss"),
        reverse("feeds:site_atom"),
        reverse("feeds:column_rss", kwargs={"slug": newsroom["column"].slug}),
        reverse("feeds:author_atom", kwargs={"slug": newsroom["author"].slug}),
    ]
    for url in urls:
        cached(client, url)
    publish(newsroom["article"], title="订阅源里的新标题")
    for url in urls:
        assert "订阅源里的新标题" in fresh(client, url)


def test_publishing_purges_search_results(client, page_cache, newsroom, publish):
    search = reverse("search")
    cached(client, search, data={"q": "吐槽窗"})
    publish(newsroom["article"], title="开好吐槽窗(续)")
    assert "续" in fresh(client, search, data={"q": "吐槽窗"})
