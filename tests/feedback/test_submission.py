"""A reader sends feedback: what is stored, what comes back, what is refused."""

import re
from unittest import mock

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, PageViewRestriction

from feedback.models import Feedback, Kind, State
from feedback.tracking import ALPHABET, CODE_LENGTH
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import form_data
from tests.home.factories import get_home_page


class SubmissionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page(), title="青岚时评")
        cls.article = ArticlePageFactory(parent=cls.column, title="窗口办事")

    def post(self, article=None, client=None, **fields):
        article = article or self.article
        return (client or self.client).post(
            reverse("feedback:submit", args=[article.pk]), form_data(article, **fields)
        )


class SuccessfulSubmissionTests(SubmissionTestCase):
    def test_submission_is_stored_and_leads_to_the_private_tracking_page(self):
        response = self.post(
            kind="correction", message="第三段把“12345”写成了“12354”。"
        )

        item = Feedback.objects.get()
        self.assertEqual(
            (item.kind, item.state, item.article, item.column.pk),
            (Kind.CORRECTION, State.SUBMITTED, self.article, self.column.pk),
        )
        self.assertEqual(item.contact, "lin@example.com")
        self.assertEqual(item.ip_address, "127.0.0.1")
        self.assertRedirects(
            response,
            reverse("feedback:track", args=[item.tracking_code, item.tracking_token])
            + "?sent=1",
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "已收到您的纠错")
        self.assertContains(page, f"{item.tracking_code[:5]}-{item.tracking_code[5:]}")

    def test_tracking_code_is_short_readable_and_the_token_long(self):
        self.post()
        item = Feedback.objects.get()

        self.assertEqual(len(item.tracking_code), CODE_LENGTH)
        self.assertTrue(set(item.tracking_code) <= set(ALPHABET))
        self.assertFalse(set("0O1IL") & set(item.tracking_code))
        self.assertGreaterEqual(len(item.tracking_token), 40)

    def test_tracking_codes_differ_between_submissions(self):
        for number in range(20):
            self.post(message=f"第{number}条意见")

        codes = set(Feedback.objects.values_list("tracking_code", flat=True))
        self.assertEqual(len(codes), 20)

    def test_empty_display_name_shows_as_netizen(self):
        self.post(display_name="")

        self.assertEqual(Feedback.objects.get().public_name, "网友")

    def test_answered_kinds_get_an_acceptance_deadline(self):
        self.post(kind="complaint")

        self.assertIsNotNone(Feedback.objects.get().accept_due)

    def test_column_staff_get_an_email_after_the_commit(self):
        editor = UserFactory(email="editor@example.com")
        group = Group.objects.create(name="青岚编辑")
        GroupPagePermission.objects.create(
            group=group, page=self.column, permission_type="change"
        )
        editor.groups.add(group)
        UserFactory(email="stranger@example.com")

        with self.captureOnCommitCallbacks(execute=True):
            self.post(message="希望多报道老旧小区加装电梯")

        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["editor@example.com"])
        self.assertIn("窗口办事", mail.outbox[0].subject)
        self.assertIn("老旧小区加装电梯", mail.outbox[0].body)

    def test_mail_failure_never_loses_the_submission(self):
        with (
            mock.patch(
                "feedback.emails.column_staff",
                return_value=[UserFactory(email="x@example.com")],
            ),
            mock.patch(
                "django.core.mail.EmailMultiAlternatives.send",
                side_effect=ConnectionRefusedError("SMTP down"),
            ),
            self.assertLogs("feedback.emails", "ERROR"),
            self.captureOnCommitCallbacks(execute=True),
        ):
            response = self.post()

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Feedback.objects.count(), 1)

    def test_spam_sends_no_email(self):
        with (
            mock.patch("feedback.emails.column_staff") as staff,
            self.captureOnCommitCallbacks(execute=True),
        ):
            self.post(website="bot")

        staff.assert_not_called()


class FormErrorTests(SubmissionTestCase):
    def test_errors_come_back_per_field_in_chinese_with_everything_typed(self):
        response = self.post(
            message="",
            display_name="一个很长很长很长很长很长很长很长很长很长很长的名字",
            contact="不是邮箱也不是电话",
            kind="complaint",
        )

        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("请填写反馈内容", html)
        self.assertIn("署名最多 20 个字", html)
        self.assertIn("请填写有效的邮箱或电话号码", html)
        self.assertIn('value="不是邮箱也不是电话"', html)
        self.assertIn("一个很长很长很长", html)
        self.assertRegex(html, r'value="complaint"[^>]*checked')
        self.assertIn('aria-invalid="true"', html)
        self.assertFalse(Feedback.objects.exists())

    def test_message_over_the_limit_says_how_long_it_is_and_keeps_it(self):
        long_message = "长" * 2001

        response = self.post(message=long_message)

        self.assertContains(response, "最多 2000 字，现在是 2001 字", status_code=400)
        self.assertContains(response, long_message, status_code=400)

    def test_bad_email_gets_an_email_specific_message(self):
        response = self.post(contact="lin@@example")

        self.assertContains(response, "邮箱格式不正确", status_code=400)

    def test_phone_numbers_are_accepted_as_contact(self):
        for number, phone in enumerate(
            ["138 0013 8000", "+86 138-0013-8000", "0891-6335566"]
        ):
            with self.subTest(phone=phone):
                response = self.post(contact=phone, message=f"电话测试{number}")
                self.assertEqual(response.status_code, 302)

    def test_unknown_kind_is_refused(self):
        response = self.post(kind="praise")

        self.assertContains(response, "请选择评论、投诉、建议或纠错", status_code=400)

    def test_form_that_comes_back_can_be_sent_again(self):
        response = self.post(message="")
        token = re.search(r'name="issued" value="([^"]+)"', response.content.decode())

        self.assertIsNotNone(token)
        self.assertNotEqual(token.group(1), "")


class RefusalTests(SubmissionTestCase):
    def assert_refused(self, article_id):
        response = self.client.post(
            reverse("feedback:submit", args=[article_id]), form_data(self.article)
        )
        self.assertContains(response, "这篇文章不能留言", status_code=404)
        self.assertFalse(Feedback.objects.exists())

    def test_draft_article_refuses_feedback(self):
        draft = ArticlePageFactory(parent=self.column, live=False)
        self.assert_refused(draft.pk)

    def test_private_article_refuses_feedback(self):
        private = ArticlePageFactory(parent=self.column)
        PageViewRestriction.objects.create(
            page=private, restriction_type="password", password="secret"
        )
        self.assert_refused(private.pk)

    def test_article_in_a_private_column_refuses_feedback(self):
        column = ColumnPageFactory(parent=get_home_page())
        PageViewRestriction.objects.create(
            page=column, restriction_type="password", password="secret"
        )
        self.assert_refused(ArticlePageFactory(parent=column).pk)

    def test_deleted_article_refuses_feedback(self):
        doomed = ArticlePageFactory(parent=self.column)
        doomed_id = doomed.pk
        doomed.delete()
        self.assert_refused(doomed_id)

    def test_other_page_types_refuse_feedback(self):
        self.assert_refused(self.column.pk)
        self.assert_refused(Page.objects.get(depth=1).pk)

    def test_get_is_not_allowed(self):
        response = self.client.get(reverse("feedback:submit", args=[self.article.pk]))
        self.assertEqual(response.status_code, 405)

    def test_cross_site_post_is_refused(self):
        """The form sits on cached pages, so no per-reader CSRF token: the
        browser's Sec-Fetch-Site/Origin headers stop cross-site posts."""
        client = Client(
            enforce_csrf_checks=True, headers={"Origin": "https://evil.example"}
        )

        response = self.post(client=client)

        self.assertEqual(response.status_code, 403)
        self.assertFalse(Feedback.objects.exists())

    def test_post_from_the_article_page_is_accepted_without_a_token(self):
        client = Client(
            enforce_csrf_checks=True, headers={"Sec-Fetch-Site": "same-origin"}
        )
        page = client.get(self.article.url)
        self.assertNotIn("csrfmiddlewaretoken", page.content.decode())
        self.assertNotIn("csrftoken", page.cookies)

        response = self.post(client=client)

        self.assertEqual(response.status_code, 302)
