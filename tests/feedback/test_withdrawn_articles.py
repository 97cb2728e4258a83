"""Feedback on a withdrawn article: a retracted one takes no new feedback
(410, with the reason to the reader) while an existing item's tracking page
still works for its reader; a taken-down one leaves no trace publicly (the
same 404 as no article at all, no link to it); neither's comments can be
reported, and no share QR code is drawn for either URL."""

from django.test import TestCase
from django.urls import reverse

from articles.models import ArticlePage, Withdrawal
from feedback import lifecycle
from feedback.models import Feedback, Kind
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler
from tests.home.factories import get_home_page


class WithdrawnArticleFeedbackTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page(), slug="qinglan")
        cls.article = ArticlePageFactory(parent=column, slug="chuang-kou")
        cls.comment = FeedbackFactory(article=cls.article, kind=Kind.COMMENT)
        lifecycle.publish(cls.comment, handler())
        cls.complaint = FeedbackFactory(article=cls.article)

    def withdraw(self, state):
        ArticlePage.objects.filter(pk=self.article.pk).update(withdrawal=state)

    def submit(self):
        return self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            form_data(self.article, kind="comment"),
        )

    def track(self, item):
        return self.client.get(
            reverse("feedback:track", args=[item.tracking_code, item.tracking_token])
        )

    def report(self):
        return self.client.post(
            reverse("feedback:report", args=[self.comment.pk]), {"reason": "abuse"}
        )

    def qr(self):
        return self.client.get("/share/qr.svg", {"url": self.article.url})

    def test_a_live_article_takes_feedback_and_has_a_qr_code(self):
        self.assertEqual(self.qr().status_code, 200)
        self.assertEqual(self.submit().status_code, 302)

    def test_retracted_no_new_feedback_but_tracking_still_works(self):
        self.withdraw(Withdrawal.RETRACTED)
        count = Feedback.objects.count()
        response = self.submit()
        self.assertContains(response, "撤稿", status_code=410)
        self.assertEqual(Feedback.objects.count(), count)
        tracking = self.track(self.complaint)
        self.assertEqual(tracking.status_code, 200)
        self.assertContains(tracking, self.complaint.article_title)

    def test_retracted_comments_cannot_be_reported(self):
        self.withdraw(Withdrawal.RETRACTED)
        self.assertEqual(self.report().status_code, 404)
        self.comment.refresh_from_db()
        self.assertEqual(self.comment.report_count, 0)

    def test_taken_down_leaves_no_trace_publicly(self):
        self.withdraw(Withdrawal.TAKEN_DOWN)
        response = self.submit()
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, self.article.title, status_code=404)
        self.assertNotContains(response, "撤稿", status_code=404)
        self.assertEqual(self.report().status_code, 404)
        # The reader's own item still tracks, without a link to the dead URL.
        tracking = self.track(self.complaint)
        self.assertEqual(tracking.status_code, 200)
        self.assertNotContains(tracking, f'href="{self.article.url}"')

    def test_no_qr_code_for_a_withdrawn_article(self):
        for state in (Withdrawal.RETRACTED, Withdrawal.TAKEN_DOWN):
            with self.subTest(state=state):
                self.withdraw(state)
                self.assertEqual(self.qr().status_code, 400)
