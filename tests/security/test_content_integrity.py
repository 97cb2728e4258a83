"""manage.py check_content: the reference page's injected footer, and other
content no editor entered, fail the check."""

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from wagtail.rich_text import RichText

from articles.models import ArticlePage
from core.models import Term
from tests.articles.factories import (
    ArticlePageFactory,
    ColumnPageFactory,
    SourceFactory,
)
from tests.core.factories import site_settings
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db

SPAM_FOOTER = """{% load wagtailcore_tags %}
<footer class="site-footer">
    <p>版权所有</p>
    <a href="https://spam.example.net/">免费看片</a>
    <script>document.write("x")</script>
</footer>
"""


@pytest.fixture
def newsroom():
    column = ColumnPageFactory(parent=get_home_page())
    source = SourceFactory(name="友报", url="https://partner.example.com/")
    article = ArticlePageFactory(
        parent=column,
        source=source,
        body=[
            (
                "paragraph",
                RichText(
                    '<p>详见<a href="https://gov.example.cn/notice?id=1&amp;p=2">通知</a>。</p>'
                ),
            )
        ],
    )
    Term.objects.create(text="免费看片", level=Term.Level.BLOCKED)
    return article


def check_content():
    call_command("check_content", verbosity=0)


def problems_of(capsys) -> str:
    return capsys.readouterr().err


def test_a_site_with_only_editor_entered_links_passes(newsroom, capsys):
    site_settings(
        footer_links=[("link", {"label": "合作", "url": "https://friend.example.org/"})]
    )

    check_content()

    assert problems_of(capsys) == ""


def test_a_template_with_injected_spam_links_and_script_fails(
    newsroom, settings, tmp_path, capsys
):
    from tests.feedback.factories import FeedbackFactory

    # A reader typing the spam URL does not make it "entered by an editor".
    FeedbackFactory(article=newsroom, message="好网站 https://spam.example.net/")
    (tmp_path / "navigation").mkdir()
    (tmp_path / "navigation" / "_footer.html").write_text(SPAM_FOOTER)
    engine = {**django_settings.TEMPLATES[0]}
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = [engine]

    with pytest.raises(CommandError, match="problem"):
        check_content()

    report = problems_of(capsys)
    assert "<a> to a URL no editor entered: https://spam.example.net/" in report
    assert "inline <script>" in report
    assert "blocked term: 免费看片" in report
    assert newsroom.url in report


def test_a_blocked_term_in_a_site_setting_fails(newsroom, capsys):
    site_settings(copyright_notice="版权所有 免 费 看 片")

    with pytest.raises(CommandError):
        check_content()

    assert "blocked term: 免费看片" in problems_of(capsys)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<p><iframe src="https://evil.example/x"></iframe></p>', "<iframe> not from"),
        ('<p><a href="javascript:alert(1)">点</a></p>', "javascript:alert(1)"),
        ('<p><img src="/x.png" onerror="alert(1)"></p>', "event-handler attribute"),
        ('<p><script src="https://evil.example/x.js"></script></p>', "<script> from"),
    ],
    ids=["iframe", "javascript-link", "event-handler", "foreign-script"],
)
def test_code_written_into_the_database_around_the_editor_fails(
    newsroom, capsys, html, problem
):
    newsroom.body = [("paragraph", RichText(html))]
    newsroom.save()

    with pytest.raises(CommandError):
        check_content()

    assert problem in problems_of(capsys)


def test_a_published_reader_comment_with_a_newly_blocked_term_fails(newsroom, capsys):
    from feedback.models import State
    from tests.feedback.factories import FeedbackFactory, handler, walk_to

    comment = FeedbackFactory(article=newsroom, kind="comment", message="加微信看新片")
    walk_to(comment, State.PUBLISHED, handler())
    check_content()
    Term.objects.create(text="加微信", level=Term.Level.BLOCKED)

    with pytest.raises(CommandError):
        check_content()

    assert f"{newsroom.url}: blocked term: 加微信" in problems_of(capsys)


def test_an_article_listed_under_a_stale_date_fails(newsroom, capsys):
    check_content()
    article = ArticlePage.objects.live().first()
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=article.first_published_at.replace(year=2001),
        display_date=None,
    )
    with pytest.raises(CommandError):
        check_content()
    assert "listed_at" in problems_of(capsys)
