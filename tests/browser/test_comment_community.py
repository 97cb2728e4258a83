"""The comment community in Chromium: a reader likes a comment and orders
the list 最热, reports it (网络暴力); a second report hides it (a burst);
the reporter sees the outcome on their page; a handler upholds the reports
and mutes the commenter; the commenter sees the sanction and appeals; the
handler answers the appeal in the queue; the commenter reads the answer."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.signing import get_cookie_signer

from feedback import lifecycle
from feedback.models import Feedback, Kind, State
from readers.models import Reader, Standing
from readers.session import SALT
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import FeedbackFactory, handler
from tests.home.factories import get_home_page
from tests.readers.factories import ReaderFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def scene(live_server, settings):
    settings.FEEDBACK_REPORT_HIDE_AFTER = (2, 3600)
    column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
    article = ArticlePageFactory(parent=column, title="老旧小区加装电梯")
    staff = handler(username="handler", email="handler@example.com")
    commenter = ReaderFactory(nickname="楼下老王")
    older = FeedbackFactory(
        article=article,
        kind=Kind.COMMENT,
        reader=commenter,
        display_name="楼下老王",
        message="一楼住户的意见也该听听。",
    )
    rude = FeedbackFactory(
        article=article,
        kind=Kind.COMMENT,
        reader=commenter,
        display_name="楼下老王",
        message="反对加装的都是自私鬼，滚出小区！",
    )
    for item in (older, rude):
        lifecycle.publish(item, staff)
    return {
        "server": live_server,
        "article": article,
        "older": older,
        "rude": rude,
        "commenter": commenter,
    }


def reader_page(chromium, server, reader):
    """A browser signed in as the reader (the cookie verification sets)."""
    context = chromium.new_context(locale="zh-CN")
    signer = get_cookie_signer(salt=django_settings.READER_COOKIE_NAME + SALT)
    context.add_cookies(
        [
            {
                "name": django_settings.READER_COOKIE_NAME,
                "value": signer.sign(f"{reader.pk}:{reader.session_key}"),
                "url": server.url,
            }
        ]
    )
    return context.new_page()


def staff_page(chromium, server):
    page = chromium.new_context(locale="zh-CN").new_page()
    page.goto(server.url + "/admin/login/")
    page.locator("#id_username").fill("handler")
    page.locator("#id_password").fill("password")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def report(page, item, category):
    comment = page.locator(f"#comment-{item.pk}")
    comment.locator("summary", has_text="举报").last.click()
    form = comment.locator("form", has=page.locator('select[name="category"]')).last
    form.locator("select").select_option(label=category)
    form.get_by_role("button", name="提交举报").click()
    page.get_by_text("已收到您的举报").wait_for()


def test_like_report_hide_sanction_appeal_answer(scene, chromium, artifacts_dir):
    server, article = scene["server"], scene["article"]
    older, rude = scene["older"], scene["rude"]
    url = server.url + article.url

    # Like, and the 最热 order (the newest comment came first): the script
    # loads the 最热 list from /feedback/ in place of the cached one.
    first = reader_page(chromium, server, ReaderFactory(nickname="江城老李"))
    first.goto(url)
    order = first.locator("[data-comment-order]")
    order.wait_for(state="visible")
    items = first.locator("[data-comment-list] [data-comment]")
    assert items.first.get_attribute("data-comment") == str(rude.pk)
    older_item = first.locator(f"#comment-{older.pk}")
    older_item.get_by_role("button", name=re.compile("赞")).click()
    older_item.locator("[data-like-count]").filter(has_text="1").wait_for()
    hottest = order.get_by_role("link", name="最热")
    hottest.click()
    # A locator, not wait_for_function: the page's CSP forbids eval.
    order.locator('[data-order="hottest"][aria-current="true"]').wait_for()
    assert items.first.get_attribute("data-comment") == str(older.pk)
    assert first.url == url  # no query string, no other page
    first.locator(f"#comment-{older.pk} [data-like-count]").filter(
        has_text="1"
    ).wait_for()
    first.screenshot(path=artifacts_dir / "community-liked-hottest.png", full_page=True)
    order.get_by_role("link", name="最新").click()
    order.locator('[data-order="newest"][aria-current="true"]').wait_for()
    assert items.first.get_attribute("data-comment") == str(rude.pk)

    # Report (网络暴力): received; a second reader's report hides it.
    report(first, rude, "网络暴力")
    first.screenshot(path=artifacts_dir / "community-reported.png", full_page=True)
    second = reader_page(chromium, server, ReaderFactory(nickname="河西小张"))
    second.goto(url)
    report(second, rude, "网络暴力")
    rude.refresh_from_db()
    assert (rude.state, rude.is_public) == (State.HIDDEN, False)
    first.goto(url)
    assert "滚出小区" not in first.content()
    first.goto(server.url + "/feedback/mine/")
    first.get_by_text("处理中：该评论已暂时隐藏，等待人工复核").wait_for()

    # The handler upholds the reports and mutes the commenter.
    staff = staff_page(chromium, server)
    staff.goto(server.url + f"/admin/snippets/feedback/feedback/edit/{rude.pk}/")
    staff.get_by_text("读者举报").first.wait_for()
    staff.locator("#community-reason").fill("辱骂他人，违反评论规则")
    staff.get_by_role("button", name="举报成立，维持隐藏").click()
    staff.get_by_text("举报成立，评论维持隐藏。").wait_for()
    staff.get_by_role("link", name="评论者信用与处罚").click()
    staff.get_by_label("操作").select_option(label="禁言")
    staff.get_by_label("天数（禁言）").fill("3")
    staff.get_by_label("理由（会告知评论者）").fill("发表辱骂他人的评论")
    staff.get_by_role("button", name="保存").click()
    staff.get_by_text("已保存，并已告知评论者。").wait_for()
    staff.screenshot(path=artifacts_dir / "community-sanction.png", full_page=True)
    first.goto(server.url + "/feedback/mine/")
    first.get_by_text("已处理：该评论已隐藏").wait_for()
    first.screenshot(
        path=artifacts_dir / "community-report-outcome.png", full_page=True
    )

    # The commenter sees the mute and appeals.
    commenter = reader_page(chromium, server, Reader.objects.get(nickname="楼下老王"))
    commenter.goto(server.url + "/readers/")
    commenter.get_by_text("发表辱骂他人的评论").wait_for()
    assert "禁言" in commenter.content()
    commenter.screenshot(path=artifacts_dir / "community-muted.png", full_page=True)
    commenter.get_by_role("link", name="申诉", exact=True).click()
    commenter.get_by_label("申诉理由").fill("我批评的是行为，不是人身攻击。")
    commenter.get_by_role("button", name="提交申诉").click()
    commenter.wait_for_url(re.compile(r"/feedback/t/"))
    tracking = commenter.url.split("?")[0]
    appeal = Feedback.objects.get(kind=Kind.APPEAL)

    # The handler answers it in the queue.
    staff.goto(server.url + "/admin/snippets/feedback/feedback/")
    staff.get_by_role("link", name=re.compile("我批评的是行为")).first.click()
    staff.get_by_text("被申诉的处罚").wait_for()
    staff.get_by_role("button", name="受理", exact=True).click()
    staff.get_by_label(re.compile("回复内容")).fill(
        "经复核，原评论含有辱骂用语，维持禁言 3 天。"
    )
    staff.get_by_role("button", name="发布回复").click()
    staff.get_by_text("回复已发布。").wait_for()
    staff.screenshot(
        path=artifacts_dir / "community-appeal-answered.png", full_page=True
    )

    commenter.goto(tracking)
    commenter.get_by_text("经复核，原评论含有辱骂用语，维持禁言 3 天。").wait_for()
    commenter.screenshot(
        path=artifacts_dir / "community-appeal-answer.png", full_page=True
    )
    appeal.refresh_from_db()
    assert appeal.state == State.REPLIED
    assert Reader.objects.get(nickname="楼下老王").standing == Standing.MUTED
