"""The feedback handler's dashboard: counts of pending, overdue and
awaiting-reply items linked to the filtered list; no page search; the
site's name as the title (as for everyone)."""

import datetime as dt

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from feedback.models import State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory, site_settings
from tests.home.factories import get_home_page

from .factories import FeedbackFactory, handler, walk_to


class FeedbackDashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site_settings(site_name="青岚新闻网")
        column = ColumnPageFactory(parent=get_home_page(), title="青岚时评")
        article = ArticlePageFactory(parent=column)
        cls.handler = handler()
        FeedbackFactory(article=article)  # pending
        late = FeedbackFactory(article=article)  # pending and overdue
        late.accept_due = timezone.now() - dt.timedelta(days=1)
        late.save()
        walk_to(FeedbackFactory(article=article), State.ACCEPTED, cls.handler)
        cls.superuser = UserFactory(is_superuser=True, username="root")

    def dashboard(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def test_handler_sees_pending_overdue_and_awaiting_reply_counts_with_links(self):
        soup = self.dashboard(self.handler)
        counts = {
            item["data-feedback-count"]: item
            for item in soup.select("[data-feedback-count]")
        }
        self.assertEqual(counts["pending"].strong.text, "2")
        self.assertEqual(counts["overdue"].strong.text, "1")
        self.assertEqual(counts["awaiting-reply"].strong.text, "1")
        self.assertIn("待受理", counts["pending"].text)
        self.assertIn("state=submitted", counts["pending"].a["href"])
        self.assertIn("overdue=yes", counts["overdue"].a["href"])
        listing = self.client.get(counts["overdue"].a["href"])
        self.assertEqual(listing.status_code, 200)

    def test_handler_has_no_page_search_and_sees_the_sites_name(self):
        soup = self.dashboard(self.handler)
        self.assertIsNone(soup.select_one("form[role=search]"))
        self.assertEqual(soup.select_one("[data-dashboard-title]").text, "青岚新闻网")

    def test_people_with_page_access_keep_the_search_and_the_same_title(self):
        soup = self.dashboard(self.superuser)
        self.assertIsNotNone(soup.select_one("form[role=search]"))
        self.assertEqual(soup.select_one("[data-dashboard-title]").text, "青岚新闻网")
