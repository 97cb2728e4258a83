"""SQL queries per uncached request stay under a budget and do not grow with
the content: the same page with one byline, tag, related item and list entry
and with many of each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import RelatedArticle
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.factories import NewsImageFactory, UserFactory
from tests.feedback.factories import FeedbackFactory, handler
from tests.home.factories import get_home_page

ROLES = ["记者", "作者", "评论员", "通讯员"]
BUDGETS = {
    "article": 12,
    "column": 10,
    "author": 10,
    "tag": 10,
    "archive": 10,
    "front page": 12,
    "feed": 8,
    "column feed": 9,  # the column and its restrictions; renditions for enclosures
    "search": 10,
}


def build(size: int) -> dict:
    """A site where everything a page lists comes `size` times."""
    home = get_home_page()
    AuthorIndexPageFactory(parent=home)
    columns = [ColumnPageFactory(parent=home) for _ in range(max(1, size // 8))]
    authors = [AuthorFactory() for _ in range(size)]
    image = NewsImageFactory()
    tags = [f"标签{n}" for n in range(size)]
    articles = [
        ArticlePageFactory(
            parent=columns[n % len(columns)],
            lead_image=image,
            bylines=[
                (ROLES[i % len(ROLES)], author) for i, author in enumerate(authors)
            ],
            tags=tags,
        )
        for n in range(max(1, size * 3))
    ]
    article = articles[-1]
    for order, other in enumerate(articles[:size]):
        RelatedArticle.objects.create(page=article, article=other, sort_order=order)
    when = timezone.localtime(article.first_published_at)
    return {
        "article": article.url,
        "column": columns[0].url,
        "author": f"/authors/{authors[0].slug}/",
        "tag": home.tag_url(article.tags.first()),
        "archive": home.archive_url(when.year, when.month),
        "front page": home.url,
        "feed": reverse("feeds:site_rss"),
        "column feed": reverse("feeds:column_atom", kwargs={"slug": columns[0].slug}),
        "search": reverse("search") + "?q=文章",
    }


def queries_for(client, url) -> int:
    """Queries for a page once the caches every page shares are warm (the
    site's root paths, image renditions): a reader's uncached request."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("size", [1, 8])
def test_public_pages_stay_within_their_query_budget(client, db, size):
    urls = build(size)
    counts = {name: queries_for(client, url) for name, url in urls.items()}
    over = {n: c for n, c in counts.items() if c > BUDGETS[n]}
    assert not over, f"over budget: {over} (budgets {BUDGETS})"


FEEDBACK_QUEUE_BUDGET = 15


@pytest.mark.parametrize("items", [1, 60])
@pytest.mark.parametrize("per_page", [None, "100"])
@pytest.mark.parametrize("role", ["superuser", "handler"])
def test_feedback_queue_stays_within_its_query_budget(
    client, db, items, per_page, role
):
    column = ColumnPageFactory(parent=get_home_page())
    articles = [ArticlePageFactory(parent=column) for _ in range(3)]
    staff = handler()
    for n in range(items):
        FeedbackFactory(article=articles[n % 3], assignee=staff if n % 2 else None)
    user = UserFactory(is_superuser=True) if role == "superuser" else staff
    client.force_login(user)
    url = reverse("wagtailsnippets_feedback_feedback:list")
    data = {"per_page": per_page} if per_page else {}
    client.get(url, data)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    assert len(queries) <= FEEDBACK_QUEUE_BUDGET


# With the render cache (production's default, core/render_cache.py): what
# changes only on publish is not read again.
RENDER_CACHED_BUDGETS = {
    "article": 10,
    "column": 8,
    "author": 8,
    "tag": 8,
    "archive": 8,
    "front page": 10,
    "feed": 8,
    "column feed": 9,  # the column and its restrictions; renditions for enclosures
    "search": 8,
}


def add_comments_and_corrections(article, count: int) -> None:
    """Public comments, each with an official reply, and corrections."""
    from feedback import lifecycle
    from feedback.models import Kind
    from tests.corrections.factories import approved

    staff = handler()
    chief = UserFactory(is_superuser=True)
    for n in range(count):
        comment = FeedbackFactory(article=article, kind=Kind.COMMENT)
        lifecycle.publish(comment, staff)
        lifecycle.reply(comment, staff, f"答复{n}", "苏一禾", "编辑")
        approved(article, chief, text=f"更正{n}")


@pytest.mark.parametrize("size", [1, 8])
def test_render_cached_pages_stay_within_a_tighter_budget(client, db, settings, size):
    settings.RENDER_CACHE_ENABLED = True
    urls = build(size)
    counts = {name: queries_for(client, url) for name, url in urls.items()}
    over = {n: c for n, c in counts.items() if c > RENDER_CACHED_BUDGETS[n]}
    assert not over, f"over budget: {over} (budgets {RENDER_CACHED_BUDGETS})"


def test_an_article_with_comments_replies_related_and_corrections_is_flat(
    client, db, settings
):
    """≤ 10 queries with eight bylines, tags and related items, and the same
    with one public comment, reply and correction as with eight
    (tests/caching/test_render_cache.py: what the render cache keeps, every
    purge rule renews)."""
    from articles.models import ArticlePage

    settings.RENDER_CACHE_ENABLED = True
    url = build(8)["article"]
    article = ArticlePage.objects.order_by("-pk").first()  # build()'s last
    assert article.url == url
    counts = []
    for count in (1, 7):
        add_comments_and_corrections(article, count)
        html = client.get(url).content.decode()
        assert "答复0" in html and "更正0" in html and "related__item" in html
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1] <= RENDER_CACHED_BUDGETS["article"], counts


@pytest.mark.parametrize("render_cache", [False, True])
def test_likes_reports_featured_and_pinned_comments_add_no_article_query(
    client, db, settings, render_cache, django_capture_on_commit_callbacks
):
    """The comment community changes no query of the article page: it
    carries no count (the counts and the 最热 order come from /feedback/),
    so likes, reports, 精选 and 置顶 read nothing more than plain comments,
    with and without the render cache."""
    from articles.models import ArticlePage
    from feedback import comment_actions, reports
    from feedback.models import CommentLike, Feedback, Kind
    from tests.readers.factories import ReaderFactory

    settings.RENDER_CACHE_ENABLED = render_cache
    settings.FEEDBACK_REPORT_HIDE_AFTER = (1000, 3600)  # no report hides here
    url = build(8)["article"]
    article = ArticlePage.objects.order_by("-pk").first()
    add_comments_and_corrections(article, 3)
    plain = queries_for(client, url)

    staff = handler()
    comments = list(Feedback.objects.filter(article=article, kind=Kind.COMMENT))
    readers = [ReaderFactory() for _ in range(5)]
    for comment in comments:
        for reader in readers:
            CommentLike.objects.create(item=comment, reader=reader)
            reports.report(comment, "bullying", reader=reader)
            reports.report(
                comment, "other", reader=reader, reply=comment.replies.first()
            )
    with django_capture_on_commit_callbacks(execute=True):  # the purges
        comment_actions.take(comments[0], "feature", staff, "观点鲜明")
        comment_actions.take(comments[1], "pin", staff, "回应了读者的共同关切")
    response = client.get(url)
    html = response.content.decode()
    assert 'data-pinned="1"' in html and 'data-featured="1"' in html
    community = queries_for(client, url)

    if render_cache:  # production's default
        budget = RENDER_CACHED_BUDGETS["article"]
    else:
        # build()'s articles, which BUDGETS measures, have no comments: the
        # replies of a page of comments are one query more, however many.
        budget = BUDGETS["article"] + 1
    assert plain == community <= budget, (plain, community)
