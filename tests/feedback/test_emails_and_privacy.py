"""E-mails escape what readers typed; contact data and spam do not linger."""

import datetime as dt
import io
from unittest import mock

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone, translation

from feedback import emails, lifecycle
from feedback.models import Feedback, FeedbackEvent, Kind, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page

PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">点我</a>'
)


class EmailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(parent=cls.column, title="加装电梯")
        cls.handler = handler()

    def html_part(self, message) -> str:
        return message.alternatives[0][0]

    def test_new_feedback_email_escapes_reader_text_in_html(self):
        item = FeedbackFactory(
            article=self.article, message=PAYLOAD, display_name="<b>x"
        )
        staff = [UserFactory(email="editor@example.com")]

        with (
            mock.patch("feedback.emails.column_staff", return_value=staff),
            self.captureOnCommitCallbacks(execute=True),
        ):
            emails.notify_new_feedback(item)

        html = self.html_part(mail.outbox[0])
        self.assertNotIn("<script>", html)
        self.assertNotIn("<img src=x", html)
        self.assertNotIn('href="javascript:', html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("<b>x", html)
        self.assertIn(PAYLOAD, mail.outbox[0].body)  # plain text, shown as text
        self.assertIn("/admin/snippets/feedback/feedback/edit/", mail.outbox[0].body)

    def test_reply_email_goes_to_the_reader_with_the_tracking_link(self):
        item = walk_to(
            FeedbackFactory(article=self.article), State.IN_PROGRESS, self.handler
        )
        answer = lifecycle.reply(item, self.handler, PAYLOAD, "苏一禾", "反馈处理员")

        with self.captureOnCommitCallbacks(execute=True):
            emails.notify_reply(item, answer)

        message = mail.outbox[0]
        self.assertEqual(message.to, [item.contact])
        self.assertIn(
            f"/feedback/t/{item.tracking_code}/{item.tracking_token}/", message.body
        )
        self.assertNotIn("<script>", self.html_part(message))
        self.assertIn("苏一禾（反馈处理员）", message.body)

    def test_the_reader_gets_the_reply_in_the_public_language(self):
        item = walk_to(
            FeedbackFactory(article=self.article), State.IN_PROGRESS, self.handler
        )
        answer = lifecycle.reply(item, self.handler, "好的", "苏一禾", "反馈处理员")

        # A handler who works in English replies.
        with translation.override("en"), self.captureOnCommitCallbacks(execute=True):
            emails.notify_reply(item, answer)

        message = mail.outbox[0]
        self.assertIn("您好：", message.body)
        self.assertIn("这是您的私密链接，请勿转发。", message.body)
        self.assertIn("查看办理记录并对答复评价</a>", self.html_part(message))
        self.assertNotIn("private link", message.body + self.html_part(message))

    def test_no_reply_email_without_an_email_address(self):
        item = walk_to(
            FeedbackFactory(article=self.article, contact="13800138000"),
            State.IN_PROGRESS,
            self.handler,
        )
        answer = lifecycle.reply(item, self.handler, "好的", "苏一禾", "反馈处理员")

        with self.captureOnCommitCallbacks(execute=True):
            emails.notify_reply(item, answer)

        self.assertEqual(mail.outbox, [])


class PrivacyCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(parent=column)
        cls.handler = handler()

    def aged(self, state, days, kind=Kind.COMPLAINT):
        item = walk_to(
            FeedbackFactory(article=self.article, kind=kind, ip_address="198.51.100.7"),
            state,
            self.handler,
        )
        Feedback.objects.filter(pk=item.pk).update(
            finished_at=timezone.now() - dt.timedelta(days=days)
        )
        return item

    @override_settings(FEEDBACK_ERASE_CONTACT_DAYS=30)
    def test_contact_details_are_erased_days_after_closing(self):
        old = self.aged(State.CLOSED, 31)
        recent = self.aged(State.CLOSED, 5)
        still_open = walk_to(
            FeedbackFactory(article=self.article), State.ACCEPTED, self.handler
        )

        call_command("erase_feedback_contacts", stdout=io.StringIO())

        old.refresh_from_db()
        recent.refresh_from_db()
        still_open.refresh_from_db()
        self.assertEqual((old.contact, old.ip_address), ("", None))
        self.assertIsNotNone(old.contact_erased_at)
        self.assertTrue(old.events.filter(action="erase_contact").exists())
        self.assertEqual(recent.contact, "reader@example.com")
        self.assertEqual(still_open.contact, "reader@example.com")

    @override_settings(FEEDBACK_PURGE_SPAM_DAYS=30)
    def test_spam_is_purged_after_the_configured_days(self):
        old_spam = self.aged(State.SPAM, 31)
        new_spam = self.aged(State.SPAM, 1)
        old_rejected = self.aged(State.REJECTED, 90)

        call_command("purge_feedback_spam", stdout=io.StringIO())

        remaining = set(Feedback.objects.values_list("pk", flat=True))
        self.assertEqual(remaining, {new_spam.pk, old_rejected.pk})
        self.assertFalse(FeedbackEvent.objects.filter(feedback_id=old_spam.pk).exists())

    def test_scheduler_runs_the_feedback_commands(self):
        scheduled = {job["command"] for job in settings.SCHEDULED_COMMANDS}

        self.assertTrue(
            {"erase_feedback_contacts", "purge_feedback_spam", "close_unrated_feedback"}
            <= scheduled
        )
