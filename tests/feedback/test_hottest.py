"""The 最热 order ranks ALL the article's published comments (置顶, then 精选,
then by likes, then newest), not only the page on screen. It is a page of
its own under /feedback/, never cached, which the article's script loads in
place of the cached 最新 list and which a reader without the script opens
from the 最热 link: the article's URL never gets a query string, and a like
purges nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback import lifecycle
from feedback.models import CommentLike, Feedback, Kind
from tests.articles.factories import ArticlePageFactory
from tests.feedback.factories import FeedbackFactory
from tests.html import soup_of
from tests.readers.factories import ReaderFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


def comments(article, staff, count):
    """`count` published comments, the first the oldest (an hour apart)."""
    items = []
    start = timezone.now() - dt.timedelta(hours=count)
    for n in range(count):
        item = FeedbackFactory(article=article, kind=Kind.COMMENT, message=f"评论{n}")
        lifecycle.publish(item, staff)
        Feedback.objects.filter(pk=item.pk).update(
            created_at=start + dt.timedelta(hours=n)
        )
        items.append(item)
    return items


def like(item, times):
    for _ in range(times):
        CommentLike.objects.create(item=item, reader=ReaderFactory())


def hottest_url(article, page=None):
    url = reverse("feedback:hottest", args=[article.pk])
    return f"{url}?fb={page}" if page else url


def shown(response) -> list[int]:
    return [
        int(li["data-comment"])
        for li in soup_of(response).select("[data-comment-list] [data-comment]")
    ]


def test_the_most_liked_comment_on_any_page_comes_first(
    client, article, staff, settings
):
    settings.FEEDBACK_PUBLIC_PER_PAGE = 2
    oldest, second, third, fourth, newest = comments(article, staff, 5)
    like(oldest, 3)  # on the last page of 最新
    like(third, 1)
    like(newest, 1)
    Feedback.objects.filter(pk=fourth.pk).update(is_featured=True)

    # 最新, as cached: the oldest comment is on page 3.
    assert shown(client.get(article.url)) == [fourth.pk, newest.pk]
    assert oldest.pk in shown(client.get(f"{article.url}?fb=3"))

    first = client.get(hottest_url(article))
    page_two = client.get(hottest_url(article, 2))
    page_three = client.get(hottest_url(article, 3))

    # 精选 first, then by likes (over every page), then newest.
    assert shown(first) == [fourth.pk, oldest.pk]
    assert shown(page_two) == [newest.pk, third.pk]
    assert shown(page_three) == [second.pk]
    assert client.get(hottest_url(article, 4)).status_code == 404


def test_pinned_comes_before_featured_and_likes(client, article, staff):
    pinned, featured, liked = comments(article, staff, 3)
    Feedback.objects.filter(pk=pinned.pk).update(is_pinned=True)
    Feedback.objects.filter(pk=featured.pk).update(is_featured=True)
    like(liked, 5)
    assert shown(client.get(hottest_url(article))) == [pinned.pk, featured.pk, liked.pk]


def test_the_hottest_page_is_never_cached_and_follows_each_like(client, article, staff):
    older, newer = comments(article, staff, 2)
    before = client.get(hottest_url(article))
    assert shown(before) == [newer.pk, older.pk]
    assert "no-store" in before["Cache-Control"]
    assert "private" in before["Cache-Control"]

    like(older, 1)

    assert shown(client.get(hottest_url(article))) == [older.pk, newer.pk]


def test_the_article_offers_the_order_without_a_query_string(client, article, staff):
    comments(article, staff, 2)
    page = soup_of(client.get(article.url))
    links = {
        a["data-order"]: a for a in page.select("[data-comment-order] [data-order]")
    }
    assert links["hottest"]["href"] == hottest_url(article)
    assert links["newest"]["href"] == "#feedback"
    assert links["newest"]["aria-current"] == "true"
    assert "aria-current" not in links["hottest"].attrs
    assert page.select_one("[data-comment-list]")["data-order-shown"] == "newest"


def test_the_hottest_page_works_without_javascript(client, article, staff, settings):
    settings.FEEDBACK_PUBLIC_PER_PAGE = 1
    older, newer = comments(article, staff, 2)
    lifecycle.reply(older, staff, "谢谢。", "苏一禾", "编辑")
    like(older, 2)

    page = soup_of(client.get(hottest_url(article)))

    item = page.select_one(f"#comment-{older.pk}")
    assert item.select_one("[data-like-count]").get_text() == "2"
    assert item.select_one(
        f'form[action="{reverse("feedback:like", args=[older.pk])}"]'
    )
    assert (
        len(
            item.select(f'form[action="{reverse("feedback:report", args=[older.pk])}"]')
        )
        == 2
    )
    assert "谢谢。" in item.get_text()
    links = {
        a["data-order"]: a for a in page.select("[data-comment-order] [data-order]")
    }
    assert links["newest"]["href"] == f"{article.url}#feedback"
    assert links["hottest"]["aria-current"] == "true"
    # Its page links stay on the 最热 pages, even moved into the article.
    next_page = page.select_one('[data-comment-pages] a[rel="next"]')
    assert next_page["href"] == f"{hottest_url(article, 2)}#feedback"
    assert page.select_one(f'a[href="{article.url}"]') is not None  # the article


def test_no_hottest_page_for_a_draft_or_withdrawn_article(client, article, staff):
    from articles.models import Withdrawal

    comments(article, staff, 1)
    draft = ArticlePageFactory(parent=article.get_parent(), live=False)
    assert client.get(hottest_url(draft)).status_code == 404
    assert client.get(reverse("feedback:hottest", args=[999999])).status_code == 404
    type(article).objects.filter(pk=article.pk).update(withdrawal=Withdrawal.RETRACTED)
    assert client.get(hottest_url(article)).status_code == 404


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


HOTTEST_BUDGET = 8


def test_the_hottest_page_reads_the_same_few_queries_however_many_comments(
    client, article, staff
):
    """One page of items with their counts, their replies, the article (and
    what every page reads): not one query per comment, like or reply."""
    url = hottest_url(article)
    first = comments(article, staff, 1)
    like(first[0], 1)
    few = queries_for(client, url)

    for item in comments(article, staff, 14):
        like(item, 2)
        lifecycle.reply(item, staff, "谢谢。", "苏一禾", "编辑")
    Feedback.objects.filter(pk=first[0].pk).update(is_pinned=True, is_featured=True)
    many = queries_for(client, url)

    assert few == many <= HOTTEST_BUDGET, (few, many)
