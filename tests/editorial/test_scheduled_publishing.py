"""A piece approved with a go-live time goes live when the scheduler runs
after that time; an expiring piece comes down. The scheduler closes database
connections between jobs, hence a transactional test case."""

import datetime as dt
from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory

from .newsroom import (
    add_url,
    approve_in_editor,
    article_form_data,
    build_newsroom,
    workflow_action_url,
)
from .test_dashboard import desk


def run_scheduler():
    call_command("run_scheduler", "--once", stdout=StringIO())


class ScheduledPublishingTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        self.newsroom = build_newsroom()

    def test_scheduled_piece_goes_live_after_its_time_when_the_scheduler_runs(self):
        newsroom = self.newsroom
        go_live_at = timezone.now() + dt.timedelta(hours=2)
        self.client.force_login(newsroom.writer)
        self.client.post(
            add_url(newsroom.two_step),
            article_form_data(
                newsroom,
                action="action-submit",
                title="定时发布的评论",
                go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
            ),
        )
        page = ArticlePage.objects.get(title="定时发布的评论")
        self.client.force_login(newsroom.editor)
        approve_in_editor(self.client, page)
        self.client.force_login(newsroom.chief)
        self.client.post(workflow_action_url(page, "approve"))

        page.refresh_from_db()
        self.assertFalse(page.live)
        scheduled = Revision.page_revisions.get(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        )
        self.assertLess(abs(scheduled.approved_go_live_at - go_live_at).seconds, 60)
        sections = desk(self.client.get(reverse("wagtailadmin_home")))
        self.assertEqual(sections["scheduled"], [page.pk])

        run_scheduler()  # before its time: nothing happens
        page.refresh_from_db()
        self.assertFalse(page.live)

        # Two hours later.
        later = go_live_at + dt.timedelta(minutes=1)
        with mock.patch("django.utils.timezone.now", return_value=later):
            run_scheduler()
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.responsible_editor, newsroom.editor)
        self.client.logout()
        self.assertEqual(self.client.get(page.url).status_code, 200)

    def test_expired_piece_comes_down_when_the_scheduler_runs(self):
        page = ArticlePageFactory(
            parent=self.newsroom.three_step,
            expire_at=timezone.now() - dt.timedelta(minutes=1),
        )
        run_scheduler()
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertTrue(page.expired)
