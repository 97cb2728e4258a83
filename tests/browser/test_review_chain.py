"""The 三审 chain clicked through in the real admin by a writer and each
reviewer, each logging in through the admin's login form."""

import re

import pytest
from django.urls import reverse

from tests.editorial.newsroom import PASSWORD, build_newsroom, edit_url, piece

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMMENT = "第二段的数据请注明出处。"
FIXED_STANDFIRST = "数据出自市统计局今年的公报。"


@pytest.fixture
def newsroom(live_server):
    newsroom = build_newsroom()
    newsroom.draft = piece(newsroom, title="让“民意直通车”跑得更快")
    return newsroom


class Admin:
    """One person's browser session in the admin."""

    def __init__(self, chromium, live_server, artifacts_dir, username):
        self.context = chromium.new_context(locale="zh-CN")
        self.page = self.context.new_page()
        self.base = live_server.url
        self.artifacts_dir = artifacts_dir
        self.username = username
        self.page.goto(self.base + reverse("wagtailadmin_login"))
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def open_from_desk(self, section, page):
        row = self.page.locator(
            f'[data-desk-section="{section}"] tr[data-page-id="{page.pk}"]'
        )
        row.locator("td.title a").first.click()
        self.page.wait_for_url(re.compile(re.escape(edit_url(page)) + "$"))

    def more_actions(self):
        self.page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()

    def submit(self):
        self.more_actions()
        with self.page.expect_navigation():
            self.page.click('footer button[name="action-submit"]')

    def approve(self):
        self.more_actions()
        with self.page.expect_navigation():
            self.page.click(
                'footer button[data-workflow-action-name="approve"]'
                ":not([data-workflow-action-modal-url])"
            )

    def send_back(self, comment):
        self.more_actions()
        self.page.click('footer button[data-workflow-action-name="reject"]')
        modal = self.page.locator(".modal-dialog")
        modal.locator('textarea[name="comment"]').fill(comment)
        with self.page.expect_navigation():
            modal.locator('button[type="submit"]').click()

    def screenshot(self, name):
        self.page.screenshot(path=self.artifacts_dir / f"review-{name}.png")

    def close(self):
        self.context.close()


def test_writer_and_three_reviewers_take_a_piece_to_the_public_page(
    newsroom, live_server, chromium, artifacts_dir
):
    draft = newsroom.draft

    def session(username):
        return Admin(chromium, live_server, artifacts_dir, username)

    writer = session("writer")
    writer.open_from_desk("drafts", draft)
    writer.submit()
    writer.close()

    editor = session("editor")
    editor.open_from_desk("to-review", draft)
    editor.send_back(COMMENT)
    editor.close()

    writer = session("writer")
    assert (
        COMMENT in writer.page.locator('[data-desk-section="sent-back"]').inner_text()
    )
    writer.screenshot("sent-back-desk")
    writer.open_from_desk("sent-back", draft)
    writer.page.fill('textarea[name="standfirst"]', FIXED_STANDFIRST)
    writer.submit()
    writer.close()

    for username in ("editor", "deputy", "chief"):
        reviewer = session(username)
        reviewer.open_from_desk("to-review", draft)
        reviewer.approve()
        reviewer.close()

    draft.refresh_from_db()
    assert draft.live
    reader = chromium.new_context(locale="zh-CN").new_page()
    reader.goto(live_server.url + draft.url)
    assert "责任编辑：周明哲" in reader.locator(".article__editor").inner_text()
    assert FIXED_STANDFIRST in reader.content()
    reader.screenshot(path=artifacts_dir / "review-published.png", full_page=True)
    reader.context.close()
