"""The article's reading context and its fragments (the article, its
feedback window, related reading, the header links and footer) kept under
the render generation: every purge rule shows its change at the next
request; previews and the 繁體 variant never get the kept 简体 fragment.
The page cache is off: every request renders. (With the page cache on, the
tests of every purge rule run with the render cache under it: conftest.)"""

import pytest
from django.urls import reverse

from feedback import lifecycle, switches
from feedback.models import Kind, Scope
from tests.caching.test_render_cache import text
from tests.core.factories import UserFactory
from tests.corrections.factories import approved
from tests.feedback.factories import FeedbackFactory, handler


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


def test_closing_comments_shows_the_notice_at_once(
    client, render_cached, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    assert 'class="feedback-form"' in text(client, article.url)
    with django_capture_on_commit_callbacks(execute=True):
        switches.set_comments(
            Scope.ARTICLE,
            closed=True,
            user=UserFactory(is_superuser=True),
            page=article,
            notice="本文评论已关闭。",
        )
    page = text(client, article.url)
    assert "本文评论已关闭。" in page and 'class="feedback-form"' not in page


def test_each_page_of_comments_is_kept_apart(
    client, render_cached, newsroom, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_PUBLIC_PER_PAGE = 1
    article = newsroom["article"]
    staff = handler()
    with django_capture_on_commit_callbacks(execute=True):
        for message in ("较早的一条评论", "较新的一条评论"):
            lifecycle.publish(
                FeedbackFactory(article=article, kind=Kind.COMMENT, message=message),
                staff,
            )
    assert "较新的一条评论" in text(client, article.url)
    second = text(client, article.url + "?fb=2")
    assert "较早的一条评论" in second and "较新的一条评论" not in second


def test_junk_comment_page_numbers_share_the_first_pages_fragment(
    client, render_cached, newsroom
):
    from django.core.cache import cache

    article = newsroom["article"]
    text(client, article.url)
    before = len(cache._cache) if hasattr(cache, "_cache") else None
    for junk in ("abc", "1.0", "-3", "９"):
        text(client, f"{article.url}?fb={junk}")
    if before is not None:  # local memory: nothing new stored for junk
        assert len(cache._cache) == before
