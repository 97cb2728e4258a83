"""A reader complains under an article, a handler answers in the admin, the
reader reads the answer through the private link and rates it."""

import re

import pytest

from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import handler
from tests.home.factories import get_home_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom(live_server, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
    article = ArticlePageFactory(
        parent=column, title="公交线路调整，多听听等车人的声音"
    )
    handler(username="handler", email="handler@example.com")
    return live_server, article


def test_reader_submits_handler_replies_reader_rates(newsroom, chromium, artifacts_dir):
    server, article = newsroom
    reader = chromium.new_context(locale="zh-CN").new_page()

    reader.goto(server.url + article.url)
    form = reader.locator("form.feedback-form")
    form.get_by_label("投诉").check()
    form.get_by_label(re.compile("^内容")).fill(
        "早高峰的 12 路车二十分钟才来一班，能否加密班次？"
    )
    form.get_by_label("联系方式", exact=True).fill("reader@example.com")
    form.get_by_label("同意在文章下公开我的留言").check()
    form.get_by_role("button", name="提交").click()

    reader.wait_for_url(re.compile(r"/feedback/t/"))
    assert "已收到您的投诉" in reader.locator(".feedback-notice").inner_text()
    tracking_url = reader.locator(".tracking__link").input_value()
    reader.screenshot(path=artifacts_dir / "feedback-sent.png", full_page=True)
    item = Feedback.objects.get()

    staff = chromium.new_context(locale="zh-CN").new_page()
    staff.goto(server.url + "/admin/login/")
    staff.locator("#id_username").fill("handler")
    staff.locator("#id_password").fill("password")
    staff.locator("form button[type=submit]").click()
    staff.wait_for_url(re.compile(r"/admin/$"))
    staff.goto(server.url + "/admin/snippets/feedback/feedback/")
    staff.get_by_role("link", name=re.compile("早高峰")).first.click()
    staff.get_by_role("button", name="受理", exact=True).click()
    staff.get_by_label("回复内容").fill("已转交市公交集团，下周一起早高峰加开两班。")
    staff.get_by_role("button", name="发布回复").click()
    staff.get_by_text("回复已发布").wait_for()
    staff.screenshot(path=artifacts_dir / "feedback-admin.png", full_page=True)

    reader.goto(tracking_url)
    assert "加开两班" in reader.locator(".feedback-reply").inner_text()
    reader.get_by_label("满意", exact=True).check()
    reader.get_by_role("button", name="提交评价").click()
    reader.get_by_text("感谢您的评价").wait_for()
    assert reader.locator(".tracking__state").inner_text() == "已办结"
    reader.screenshot(path=artifacts_dir / "feedback-rated.png", full_page=True)

    item.refresh_from_db()
    assert (item.state, item.rating) == ("closed", "satisfied")
