"""Publish → the cached page shows the change on the next request, for each
purge rule (caching/rules.py)."""

from articles.models import RelatedArticle
from feedback import lifecycle
from feedback.models import Kind
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import site_settings
from tests.feedback.factories import FeedbackFactory, handler


def cached(client, url, **kwargs):
    """Fetch a page twice, so it is surely in the cache; return the text."""
    client.get(url, **kwargs)
    response = client.get(url, **kwargs)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def fresh(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


def test_publishing_an_edit_purges_the_article(client, page_cache, newsroom, publish):
    article = newsroom["article"]
    assert "开好吐槽窗" in cached(client, article.url)
    publish(article, title="开好吐槽窗(更新)")
    assert "开好吐槽窗(更新)" in fresh(client, article.url)


def test_publishing_purges_the_column(client, page_cache, newsroom, publish):
    column_url = newsroom["column"].url
    cached(client, column_url)
    publish(newsroom["article"], title="栏目里的新标题")
    assert "栏目里的新标题" in fresh(client, column_url)


def test_publishing_purges_every_page_of_the_column(
    client, page_cache, newsroom, publish
):
    column_url = newsroom["column"].url
    cached(client, column_url, data={"page": "1"})
    publish(newsroom["article"], title="分页也要更新")
    fresh(client, column_url, data={"page": "1"})


def test_publishing_purges_the_front_page(client, page_cache, newsroom, publish):
    home_url = newsroom["home"].url
    cached(client, home_url)
    publish(newsroom["article"], title="首页上的新标题")
    assert "首页上的新标题" in fresh(client, home_url)


def test_publishing_purges_the_authors_pages(client, page_cache, newsroom, publish):
    author_url = "/authors/chen/"
    assert "开好吐槽窗" in cached(client, author_url)
    publish(newsroom["article"], title="作者页上的新标题")
    assert "作者页上的新标题" in fresh(client, author_url)


def test_a_new_article_appears_on_the_cached_column_and_front_page(
    client, page_cache, newsroom, publish
):
    column, home = newsroom["column"], newsroom["home"]
    cached(client, column.url)
    cached(client, home.url)
    draft = ArticlePageFactory(parent=column, title="刚刚发布的评论", live=False)
    publish(draft)
    assert "刚刚发布的评论" in fresh(client, column.url)
    assert "刚刚发布的评论" in fresh(client, home.url)


def test_unpublishing_purges_the_article_and_its_lists(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article, column = newsroom["article"], newsroom["column"]
    cached(client, article.url)
    cached(client, column.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404
    assert "开好吐槽窗" not in fresh(client, column.url)


def test_changing_the_slug_purges_the_old_address(
    client, page_cache, newsroom, publish
):
    article = newsroom["article"]
    old_url = article.url
    cached(client, old_url)
    publish(article, slug="tucao-new")
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect
    assert response["Location"] == "/xueyu/tucao-new/"


def test_moving_purges_both_columns_and_the_old_address(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article, column = newsroom["article"], newsroom["column"]
    other = ColumnPageFactory(parent=newsroom["home"], title="另一个栏目")
    old_url = article.url
    cached(client, old_url)
    cached(client, column.url)
    cached(client, other.url)
    with django_capture_on_commit_callbacks(execute=True):
        article.move(other, pos="last-child")
    assert client.get(old_url).status_code != 200
    assert "开好吐槽窗" not in fresh(client, column.url)
    assert "开好吐槽窗" in fresh(client, other.url)


def test_publishing_purges_articles_that_pin_it_as_related(
    client, page_cache, newsroom, publish
):
    older, article = newsroom["older"], newsroom["article"]
    RelatedArticle.objects.create(page=older, article=article, sort_order=0)
    assert "开好吐槽窗" in cached(client, older.url)
    publish(article, title="相关阅读里的新标题")
    assert "相关阅读里的新标题" in fresh(client, older.url)


def test_other_articles_stay_cached(client, page_cache, newsroom, publish):
    older = newsroom["older"]
    cached(client, older.url)
    publish(newsroom["article"], title="别的文章不受影响")
    assert client.get(older.url)["X-Page-Cache"] == "hit"


def test_traditional_copy_is_purged_too(client, page_cache, newsroom, publish):
    article = newsroom["article"]
    client.cookies["zh_script"] = "hant"
    cached(client, article.url)
    publish(article, title="繁体也更新")
    fresh(client, article.url)


def test_site_settings_change_purges_every_page(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    older = newsroom["older"]
    cached(client, older.url)
    with django_capture_on_commit_callbacks(execute=True):
        site_settings(hotline="0891-0000000")
    assert "0891-0000000" in fresh(client, older.url)


def test_renaming_an_author_purges_their_bylines(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article, author = newsroom["article"], newsroom["author"]
    cached(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "陈新远"
        author.save()
    assert "陈新远" in fresh(client, article.url)


def test_article_page_with_its_feedback_form_is_cached(client, page_cache, newsroom):
    article = newsroom["article"]
    html = cached(client, article.url)
    assert 'class="feedback-form"' in html
    assert "csrfmiddlewaretoken" not in html


def test_publishing_a_comment_purges_the_article(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    comment = FeedbackFactory(
        article=article, kind=Kind.COMMENT, message="这篇评论说到点子上了"
    )
    assert "这篇评论说到点子上了" not in cached(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(comment, handler())
    assert "这篇评论说到点子上了" in fresh(client, article.url)


def test_hiding_a_comment_purges_the_article(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    staff = handler()
    comment = FeedbackFactory(article=article, kind=Kind.COMMENT, message="将被撤下")
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(comment, staff)
    assert "将被撤下" in cached(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.hide(comment, staff, "与文章无关")
    assert "将被撤下" not in fresh(client, article.url)


def test_an_official_reply_purges_the_article(
    client, page_cache, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    staff = handler()
    comment = FeedbackFactory(article=article, kind=Kind.COMMENT)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(comment, staff)
    cached(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.reply(comment, staff, "感谢关注,已转交有关部门。", "苏一禾", "编辑")
    assert "感谢关注,已转交有关部门。" in fresh(client, article.url)


def test_a_new_submission_purges_nothing(client, page_cache, newsroom):
    article = newsroom["article"]
    cached(client, article.url)
    FeedbackFactory(article=article, kind=Kind.COMMENT)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
