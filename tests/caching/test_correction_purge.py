"""A correction going public purges everything that shows the article, in
every cache layer, at once: the Django page cache (the pages come back
fresh) and every front cache Wagtail's frontend cache names (nginx, a CDN:
here a recording backend in their place)."""

import pytest

from tests.caching.test_invalidation import cached, fresh
from tests.core.factories import UserFactory
from tests.corrections.factories import approved


@pytest.fixture
def approve(django_capture_on_commit_callbacks):
    """Approve a correction as the admin does; purges run at the commit."""

    def approve(article, text):
        with django_capture_on_commit_callbacks(execute=True):
            return approved(article, UserFactory(is_superuser=True), text=text)

    return approve


def the_article_and_everything_listing_it(newsroom):
    return [
        newsroom["article"].url,
        newsroom["column"].url,
        newsroom["home"].url,
        "/authors/chen/",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/columns/xueyu/rss.xml",
        "/feeds/authors/chen/rss.xml",
    ]


def test_approval_purges_the_article_its_lists_and_feeds_from_the_page_cache(
    client, page_cache, front_cache, newsroom, approve
):
    urls = the_article_and_everything_listing_it(newsroom)
    for url in urls:
        cached(client, url)
    approve(newsroom["article"], "第二段的日期应为11月27日。")
    pages = {url: fresh(client, url) for url in urls}
    assert "第二段的日期应为11月27日。" in pages[newsroom["article"].url]
    assert "第二段的日期应为11月27日。" in pages["/feeds/rss.xml"]


def test_approval_purges_the_corrections_pages_and_their_feeds(
    client, page_cache, front_cache, newsroom, approve
):
    approve(newsroom["article"], "第一条更正")
    for url in ("/corrections/", "/corrections/xueyu/", "/corrections/rss.xml"):
        cached(client, url)
    approve(newsroom["article"], "第二条更正")
    assert "第二条更正" in fresh(client, "/corrections/")
    assert "第二条更正" in fresh(client, "/corrections/xueyu/")
    assert "第二条更正" in fresh(client, "/corrections/rss.xml")


def test_approval_purges_every_front_cache_with_the_same_urls(
    front_cache, newsroom, approve
):
    approve(newsroom["article"], "更正")
    purged = {url.removeprefix("http://localhost") for url in front_cache}
    for url in the_article_and_everything_listing_it(newsroom):
        assert url in purged, url
    assert {"/corrections/", "/corrections/xueyu/", "/sitemap.xml"} <= purged
