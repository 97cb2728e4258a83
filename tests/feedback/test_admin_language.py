"""The feedback queue follows each staff member's admin language: Chinese by
default, English for someone who chose English in their profile."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from feedback.models import State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page

LIST_URL = reverse("wagtailsnippets_feedback_feedback:list")


class QueueLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
        article = ArticlePageFactory(parent=column, title="加装电梯")
        cls.chinese = handler(username="handler-zh")
        cls.english = handler(username="handler-en")
        profile = UserProfile.get_for_user(cls.english)
        profile.preferred_language = "en"
        profile.save()
        FeedbackFactory(article=article)
        walk_to(FeedbackFactory(article=article), State.ACCEPTED, cls.chinese)

    def queue(self, user):
        self.client.force_login(user)
        response = self.client.get(LIST_URL)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        headings = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
        return soup, headings

    def test_a_handler_who_chose_english_sees_the_queue_in_english(self):
        soup, headings = self.queue(self.english)
        self.assertIn("Kind", headings)
        self.assertIn("State", headings)
        self.assertIn("Assignee", headings)
        cells = soup.select("tbody")[0].get_text(" ", strip=True)
        self.assertIn("Complaint", cells)
        self.assertIn("Pending", cells)
        self.assertIn("Accepted", cells)
        for chinese in ("类型", "状态", "投诉", "待处理", "已受理", "读者反馈", "受理"):
            self.assertNotIn(chinese, soup.get_text())

    def test_the_queue_stays_chinese_by_default(self):
        soup, headings = self.queue(self.chinese)
        self.assertIn("类型", headings)
        self.assertIn("状态", headings)
        cells = soup.select("tbody")[0].get_text(" ", strip=True)
        self.assertIn("投诉", cells)
        self.assertIn("待处理", cells)
        self.assertIn("已受理", cells)


def english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


class PermissionNameLanguageTests(TestCase):
    """The feedback permissions' stored names are English source (feedback
    0008), which Wagtail's group editor shows in each user's language."""

    NAMES = [
        ("Can view readers&#x27; contact details", "可查看读者联系方式"),
        ("Can export feedback", "可导出反馈"),
    ]

    def group_editor(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailusers_groups:add"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_an_english_admin_reads_them_in_english(self):
        html = self.group_editor(english(UserFactory(is_superuser=True)))
        for english_name, chinese_name in self.NAMES:
            self.assertIn(english_name, html)
            self.assertNotIn(chinese_name, html)

    def test_a_chinese_admin_reads_them_in_chinese(self):
        html = self.group_editor(UserFactory(is_superuser=True))
        for english_name, chinese_name in self.NAMES:
            self.assertIn(chinese_name, html)
            self.assertNotIn(english_name, html)

    def test_the_migration_renames_an_existing_databases_permissions(self):
        migration = importlib.import_module("feedback.migrations.0008_permission_names")
        Permission.objects.filter(codename="export_feedback").update(name="可导出反馈")
        migration.rename_permissions(apps, None)
        self.assertEqual(
            Permission.objects.get(codename="export_feedback").name,
            "Can export feedback",
        )
