"""The render cache (core/render_cache.py): which page a path leads to, its
view restrictions and its related reading are kept between publishes, and
every purge rule renews them: publish, unpublish, move, delete, a
restriction change, a correction, a retraction, a site-wide change. The
page cache is off here: every request renders, from the render cache."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import withdrawal
from articles.models import ArticlePage
from core import render_cache
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory, make_private
from tests.core.factories import UserFactory
from tests.corrections.factories import approved


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_render_routes_from_the_cache(client, render_cached, newsroom):
    url = newsroom["article"].url
    client.get(url)  # site settings and the like, cached by Wagtail
    render_cache.new_generation()
    first = queries(client, url)
    second = queries(client, url)
    # The site, the front page, the column, the article, its restrictions,
    # its pins and related reading: from the cache.
    assert second <= first - 5


def test_the_cache_is_off_in_tests_unless_asked(client, newsroom):
    url = newsroom["article"].url
    client.get(url)
    assert queries(client, url) == queries(client, url)


def test_routable_pages_route_from_the_cache(client, render_cached, newsroom):
    home = newsroom["home"]
    tag_url = home.tag_url(newsroom["article"].tags.get())
    for url in (home.url, tag_url, "/authors/chen/", "/2024/"):
        first = client.get(url)
        second = client.get(url)
        assert second.status_code == first.status_code
        assert second.content == first.content


def test_publishing_a_new_slug_moves_the_page(client, render_cached, newsroom, publish):
    article = newsroom["article"]
    old_url = article.url
    text(client, old_url)
    publish(article, slug="tucao-new")
    assert client.get(old_url).status_code == 301  # Wagtail's redirect
    assert "开好吐槽窗" in text(client, "/xueyu/tucao-new/")


def test_publishing_an_edit_shows_at_once(client, render_cached, newsroom, publish):
    article = newsroom["article"]
    text(client, article.url)
    publish(article, title="路由缓存里的新标题")
    assert "路由缓存里的新标题" in text(client, article.url)


def test_unpublishing_answers_404(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404


def test_moving_changes_the_address(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    other = ColumnPageFactory(parent=newsroom["home"], title="另一个栏目", slug="other")
    old_url = article.url
    text(client, old_url)
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other, pos="last-child")
    assert client.get(old_url).status_code != 200
    assert "开好吐槽窗" in text(client, "/other/tucao/")


def test_deleting_answers_404(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    url = article.url
    text(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert client.get(url).status_code == 404


def test_a_new_restriction_applies_at_once(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_private(newsroom["column"])
    assert "开好吐槽窗" not in text(client, article.url)  # the password form


def test_lifting_a_restriction_applies_at_once(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    restriction = make_private(newsroom["column"])
    assert "开好吐槽窗" not in text(client, article.url)  # the password form
    assert "开好吐槽窗" not in text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "开好吐槽窗" in text(client, article.url)


def test_related_reading_follows_a_publish(client, render_cached, newsroom, publish):
    older = newsroom["older"]
    assert "开好吐槽窗" in text(client, older.url)
    publish(newsroom["article"], title="相关阅读的新标题")
    assert "相关阅读的新标题" in text(client, older.url)


def test_a_new_article_joins_the_related_reading(
    client, render_cached, newsroom, publish
):
    older = newsroom["older"]
    text(client, older.url)
    draft = ArticlePageFactory(
        parent=newsroom["column"], title="新来的评论", live=False
    )
    publish(draft)
    assert "新来的评论" in text(client, older.url)


def test_unpublishing_leaves_the_related_reading(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    older = newsroom["older"]
    assert "开好吐槽窗" in text(client, older.url)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["article"].unpublish()
    assert "开好吐槽窗" not in text(client, older.url)


def test_retraction_renews_it(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    older, article = newsroom["older"], newsroom["article"]
    assert "开好吐槽窗" in text(client, older.url)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawal.perform(
            withdrawal.TAKE_DOWN, article, UserFactory(is_superuser=True), "数据有误"
        )
    assert client.get(article.url).status_code == 404
    assert "开好吐槽窗" not in text(client, older.url)


def test_a_correction_renews_it(
    newsroom, render_cached, django_capture_on_commit_callbacks
):
    before = render_cache.generation()
    with django_capture_on_commit_callbacks(execute=True):
        approved(newsroom["article"], UserFactory(is_superuser=True), text="更正")
    assert render_cache.generation() != before


def test_a_site_wide_change_renews_it(
    newsroom, render_cached, django_capture_on_commit_callbacks
):
    before = render_cache.generation()
    author = newsroom["author"]
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "陈新远"
        author.save()
    assert render_cache.generation() != before


def test_a_value_taken_before_the_commit_is_not_seen_after(
    newsroom, render_cached, django_capture_on_commit_callbacks
):
    """A render racing a publish stores under the generation it read first."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert render_cache.cached(("x",), compute) == 1
    assert render_cache.cached(("x",), compute) == 1
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=newsroom["article"].pk).save_revision().publish()
    assert render_cache.cached(("x",), compute) == 2


def test_a_preview_uses_its_own_pins(newsroom, render_cached):
    older, article = newsroom["older"], newsroom["article"]
    assert older.related_articles()  # cached for the live page
    preview = ArticlePage.objects.get(pk=older.pk)
    preview.pinned_related = []
    preview.pinned_related.add(
        preview.pinned_related.model(article=newsroom["article"], sort_order=0)
    )
    assert [page.pk for page in preview.related_articles()][0] == article.pk


def test_the_front_page_lists_follow_a_publish(
    client, render_cached, newsroom, publish
):
    home = newsroom["home"]
    assert "开好吐槽窗" in text(client, home.url)
    draft = ArticlePageFactory(
        parent=newsroom["column"], title="首页新来的", live=False
    )
    publish(draft)
    assert "首页新来的" in text(client, home.url)
    publish(newsroom["article"], title="首页上改过的标题")
    assert "首页上改过的标题" in text(client, home.url)


def test_the_front_page_drops_a_withdrawn_article(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    home = newsroom["home"]
    assert "开好吐槽窗" in text(client, home.url)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawal.perform(
            withdrawal.TAKE_DOWN,
            newsroom["article"],
            UserFactory(is_superuser=True),
            "x",
        )
    assert "开好吐槽窗" not in text(client, home.url)
