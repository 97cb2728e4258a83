"""The article's reading context and its fragments (the article, related
reading) kept under the render generation: every purge rule shows its
change at the next request; previews and the 繁體 variant never get the
kept 简体 fragment. The page cache is off: every request renders."""

import pytest
from django.urls import reverse

from tests.caching.test_render_cache import render_cached, text  # noqa: F401
from tests.core.factories import UserFactory
from tests.corrections.factories import approved


def article_part(page: str) -> str:
    """The article element: the feedback form below it carries a signed time."""
    return page[page.index("<article") : page.index("</article>")]


@pytest.fixture
def chief(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    return user


def test_a_second_request_renders_the_same_page(client, render_cached, newsroom):
    url = newsroom["article"].url
    assert article_part(text(client, url)) == article_part(text(client, url))


def test_an_edited_standfirst_shows_at_once(client, render_cached, newsroom, publish):
    article = newsroom["article"]
    text(client, article.url)
    publish(article, standfirst="发布后的新导语")
    assert "发布后的新导语" in text(client, article.url)


def test_a_correction_shows_at_once(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        approved(article, UserFactory(is_superuser=True), text="第三段的数字有误")
    assert "第三段的数字有误" in text(client, article.url)


def test_a_renamed_author_shows_in_the_byline_at_once(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article, author = newsroom["article"], newsroom["author"]
    assert "陈鑫远" in text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "陈新远"
        author.save()
    page = text(client, article.url)
    assert "陈新远" in page and "陈鑫远" not in page


def test_the_traditional_variant_is_kept_apart(client, render_cached, newsroom):
    url = newsroom["article"].url
    simplified = article_part(text(client, url))
    client.cookies["zh_script"] = "hant"
    traditional = article_part(text(client, url))
    assert "開好吐槽窗" in traditional and traditional != simplified
    del client.cookies["zh_script"]
    assert article_part(text(client, url)) == simplified


def test_a_preview_shows_the_draft_not_the_kept_page(
    client, render_cached, newsroom, chief
):
    article = newsroom["article"]
    text(client, article.url)
    article.standfirst = "只在预览里的导语"
    article.save_revision()
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert "只在预览里的导语" in preview.content.decode()
    assert "只在预览里的导语" not in text(client, article.url)
