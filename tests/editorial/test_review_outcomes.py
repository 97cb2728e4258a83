"""Each review action says what happened, and the column listing says
where a piece is (退回修改, 审核中（复审）) instead of 草稿."""

import datetime as dt
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core import mail
from django.test import TestCase, override_settings
from django.urls import reverse

from articles.models import ArticlePage

from .newsroom import (
    add_url,
    approve_in_editor,
    article_form_data,
    build_newsroom,
    piece,
    submitted,
    workflow_action_url,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def messages_of(response) -> list[str]:
    """The messages this request added (not ones left from earlier)."""
    storage = get_messages(response.wsgi_request)
    return [str(message) for message in storage._queued_messages]


class ReviewOutcomeMessageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()

    def act(self, username, page, action, **data):
        """The workflow action modal's POST."""
        self.client.force_login(self.newsroom.users[username])
        response = self.client.post(workflow_action_url(page, action), data)
        self.assertEqual(response.status_code, 302)
        return messages_of(response)

    def test_approving_in_the_editor_names_the_next_step(self):
        page = piece(self.newsroom)
        submitted(self.newsroom, page)
        self.client.force_login(self.newsroom.editor)
        response = approve_in_editor(self.client, page)
        self.assertEqual(response.status_code, 302)
        messages = messages_of(response)
        self.assertIn("初审已通过，进入复审", messages)
        self.assertFalse([m for m in messages if "已被更新" in m], messages)

    def test_each_step_of_the_chain_says_what_happened(self):
        newsroom = self.newsroom
        page = piece(newsroom)
        submitted(newsroom, page, approvals=[newsroom.editor])
        self.assertEqual(self.act("deputy", page, "approve"), ["复审已通过，进入终审"])
        self.assertEqual(self.act("chief", page, "approve"), ["已发布"])

    @override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8201")
    def test_sending_back_names_the_writer(self):
        page = piece(self.newsroom)
        submitted(self.newsroom, page)
        mail.outbox.clear()
        messages = self.act("editor", page, "reject", comment="请补充数据来源")
        self.assertEqual(messages, ["已退回撰稿人林晓雨修改"])
        # The writer's e-mail names the reviewer family name first and links
        # to the admin at WAGTAILADMIN_BASE_URL (which `make run` sets).
        (email,) = [m for m in mail.outbox if self.newsroom.writer.email in m.to]
        self.assertIn("周明哲", email.body)
        self.assertNotIn("明哲 周", email.body)
        self.assertIn(f"http://127.0.0.1:8201/admin/pages/{page.pk}/edit/", email.body)

    def test_approving_a_scheduled_piece_gives_its_time(self):
        newsroom = self.newsroom
        go_live = dt.datetime(2031, 12, 3, 9, 12, tzinfo=SHANGHAI)
        self.client.force_login(newsroom.writer)
        self.client.post(
            add_url(newsroom.two_step),
            article_form_data(
                newsroom,
                action="action-submit",
                title="定时发布的评论",
                go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            ),
        )
        page = ArticlePage.objects.get(title="定时发布的评论")
        self.assertEqual(self.act("editor", page, "approve"), ["初审已通过，进入终审"])
        self.assertEqual(self.act("chief", page, "approve"), ["已排期：12月3日 09:12"])


class ColumnListingStatusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.returned = piece(newsroom, title="退回的稿子")
        state = submitted(newsroom, cls.returned)
        task_state = state.current_task_state
        task_state.task.specific.on_action(
            task_state, newsroom.editor, "reject", comment="请改"
        )
        cls.second = piece(newsroom, title="复审中的稿子")
        submitted(newsroom, cls.second, approvals=[newsroom.editor])
        cls.draft = piece(newsroom, title="草稿")

    def status_of(self, soup, page) -> str:
        row = soup.find("a", href=reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        return " ".join(row.find_parent("tr").get_text(" ").split())

    def test_column_listing_says_sent_back_and_which_review_step(self):
        self.client.force_login(self.newsroom.chief)
        response = self.client.get(
            reverse("wagtailadmin_explore", args=(self.newsroom.three_step.pk,))
        )
        soup = BeautifulSoup(response.content, "html.parser")
        self.assertIn("退回修改", self.status_of(soup, self.returned))
        self.assertIn("审核中（复审）", self.status_of(soup, self.second))
        self.assertIn("草稿", self.status_of(soup, self.draft))
