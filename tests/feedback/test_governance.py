"""The yearly governance summary: comments received, published, refused,
reports, switches and the median review time, per month and column, from
the comment log (so purged spam still counts), with its chart and CSV."""

import datetime as dt

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from commentlog.models import Action, CommentLogEntry
from feedback import lifecycle, reports, switches
from feedback.governance import summary
from feedback.models import Feedback, Scope
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import form_data, handler
from tests.home.factories import get_home_page


class GovernanceSummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_newsroom", verbosity=0)
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="青岚时评")
        cls.other = ColumnPageFactory(parent=home, title="城市观察")
        cls.article = ArticlePageFactory(parent=cls.column)
        cls.elsewhere = ArticlePageFactory(parent=cls.other)
        cls.chief = UserFactory(username="chief")
        cls.chief.groups.add(Group.objects.get(name="总编辑"))

    def setUp(self):
        self.settings_override = self.settings(
            FEEDBACK_RATE_LIMIT_PER_IP=(1000, 600),
            FEEDBACK_RATE_LIMIT_PER_ARTICLE=(1000, 3600),
        )
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)

    def comment(self, article, message):
        self.client.post(
            reverse("feedback:submit", args=[article.pk]),
            form_data(article, kind="comment", message=message),
        )
        return Feedback.objects.get(message=message)

    def build_year(self):
        staff = handler()
        first = self.comment(self.article, "第一条评论")
        second = self.comment(self.article, "第二条评论")
        third = self.comment(self.elsewhere, "第三条评论")
        lifecycle.publish(first, staff)
        lifecycle.mark_spam(second, staff)
        lifecycle.publish(third, staff)
        reports.report(first, "bullying", ip="198.51.100.1")
        switches.set_comments(
            Scope.ARTICLE, closed=True, user=self.chief, page=self.article
        )
        self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            form_data(self.article, kind="comment", message="关了以后"),
        )
        # Purged spam still counts: the log keeps it.
        Feedback.objects.filter(pk=second.pk).delete()

    def test_the_summary_counts_per_month_and_column(self):
        self.build_year()
        data = summary(timezone.localdate().year)
        month = data["months"][timezone.localdate().month - 1]
        self.assertEqual(
            (month.received, month.published, month.refused, month.reports),
            (3, 2, 2, 1),
        )
        self.assertEqual(month.switches, 1)
        self.assertEqual(data["total"].received, 3)
        by_column = {row.label: row for row in data["columns"]}
        self.assertEqual(by_column["青岚时评"].received, 2)
        self.assertEqual(by_column["城市观察"].published, 1)
        self.assertEqual(by_column["青岚时评"].switches, 1)
        self.assertIsNotNone(month.median_review_hours)

    def test_the_median_review_time_runs_from_submission_to_decision(self):
        day = timezone.make_aware(dt.datetime(2025, 3, 10, 9))
        for item, hours in ((1, 2), (2, 4), (3, 30)):
            CommentLogEntry.objects.create(
                action=Action.SUBMIT,
                item_id=item,
                created_at=day,
                detail={"kind": "comment", "column": self.column.pk},
            )
            CommentLogEntry.objects.create(
                action=Action.MODERATE,
                step="publish",
                item_id=item,
                created_at=day + dt.timedelta(hours=hours),
                detail={"kind": "comment", "column": self.column.pk},
            )
        march = summary(2025)["months"][2]
        self.assertEqual((march.received, march.published), (3, 3))
        self.assertEqual(march.median_review_hours, 4.0)

    def test_staff_see_the_page_with_its_chart_and_download_the_csv(self):
        self.build_year()
        self.client.force_login(handler(username="staff2"))
        url = reverse("feedback_switches:governance")
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "<svg", html=False)
        self.assertContains(page, "青岚时评")
        csv = self.client.get(url, {"format": "csv", "year": timezone.localdate().year})
        text = b"".join(csv.streaming_content).decode()
        self.assertTrue(text.startswith("\ufeff"))
        self.assertIn("青岚时评,2,", text)

    def test_readers_do_not_see_it(self):
        response = self.client.get(reverse("feedback_switches:governance"))
        self.assertEqual(response.status_code, 302)
