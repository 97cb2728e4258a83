"""A reader verifies a mobile number by SMS, chooses a nickname, comments
under an article; the comment waits for review (先审后发); a handler
publishes it; it shows with the nickname and IP属地."""

import re

import pytest

from feedback.models import Feedback
from readers import sms
from readers.models import Reader
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import handler
from tests.home.factories import get_home_page
from tests.readers.factories import rules_documents

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
GUANGZHOU = "113.108.81.189"


@pytest.fixture
def newsroom(live_server, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.READER_VERIFICATION_REQUIRED_FOR = ["comment"]
    settings.READER_SMS_BACKEND = "readers.sms.LocmemBackend"
    # The browser's requests say they come from Guangzhou, as nginx would.
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    sms.outbox.clear()
    column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
    article = ArticlePageFactory(
        parent=column, title="公交线路调整，多听听等车人的声音"
    )
    rules_documents("2026-12-01")
    handler(username="handler", email="handler@example.com")
    return live_server, article


def test_verify_comment_review_publish(newsroom, chromium, artifacts_dir):
    server, article = newsroom
    reader = chromium.new_context(
        locale="zh-CN", extra_http_headers={"X-Forwarded-For": GUANGZHOU}
    ).new_page()

    reader.goto(server.url + article.url)
    form = reader.locator("form.feedback-form")
    form.get_by_role("link", name="验证手机号").click()
    reader.wait_for_url(re.compile(r"/readers/verify/"))
    reader.get_by_label("手机号").fill("138 0013 8000")
    reader.get_by_label(re.compile("我已阅读并同意")).check()
    reader.screenshot(path=artifacts_dir / "verify-number.png", full_page=True)
    reader.get_by_role("button", name="发送验证码").click()
    reader.get_by_text("6 位验证码已发送到您的手机").wait_for()
    ((_phone, code),) = sms.outbox
    reader.get_by_label("短信验证码").fill(code)
    reader.screenshot(path=artifacts_dir / "verify-code.png", full_page=True)
    reader.get_by_role("button", name="验证", exact=True).click()

    reader.wait_for_url(re.compile(r"/readers/nickname/"))
    reader.get_by_label("昵称").fill("江城老李")
    reader.get_by_role("button", name="保存").click()
    reader.wait_for_url(re.compile(re.escape(article.url)))
    reader.get_by_text("您的评论昵称： 江城老李").wait_for()
    reader.screenshot(path=artifacts_dir / "verified-article.png", full_page=True)

    form = reader.locator("form.feedback-form")
    form.get_by_label("评论").check()
    form.get_by_label(re.compile("^内容")).fill("早高峰加密班次的做法值得推广。")
    form.get_by_label("同意在文章下公开我的留言").check()
    form.get_by_role("button", name="提交").click()
    reader.wait_for_url(re.compile(r"/feedback/t/"))
    reader.screenshot(path=artifacts_dir / "verified-comment-sent.png", full_page=True)

    item = Feedback.objects.get()
    assert (item.reader, item.display_name, item.ip_region, item.state) == (
        Reader.objects.get(),
        "江城老李",
        "广东",
        "submitted",
    )
    reader.goto(server.url + article.url)
    assert "早高峰加密班次" not in reader.content()  # 先审后发

    staff = chromium.new_context(locale="zh-CN").new_page()
    staff.goto(server.url + "/admin/login/")
    staff.locator("#id_username").fill("handler")
    staff.locator("#id_password").fill("password")
    staff.locator("form button[type=submit]").click()
    staff.wait_for_url(re.compile(r"/admin/$"))
    staff.goto(server.url + "/admin/snippets/feedback/feedback/")
    staff.get_by_role("link", name=re.compile("早高峰")).first.click()
    staff.get_by_role("button", name="公开展示", exact=True).click()
    staff.get_by_text("已在文章下公开。").wait_for()
    staff.screenshot(path=artifacts_dir / "verified-comment-admin.png", full_page=True)

    reader.goto(server.url + article.url)
    published = reader.locator(".feedback-item").first
    published.wait_for()
    text = published.inner_text()
    assert "江城老李" in text and "IP属地：广东" in text
    assert "早高峰加密班次的做法值得推广。" in text
    assert "8000" not in text
    reader.screenshot(
        path=artifacts_dir / "verified-comment-published.png", full_page=True
    )
