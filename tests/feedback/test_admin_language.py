"""The feedback queue follows each staff member's admin language: Chinese by
default, English for someone who chose English in their profile."""

import importlib

from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from feedback import lifecycle
from feedback.models import FeedbackEvent, State
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


class HistoryActorLanguageTests(TestCase):
    """Steps no staff member took (the system, the reader, other readers)
    are signed in the viewer's language; staff names stay as stored."""

    @classmethod
    def setUpTestData(cls):
        article = ArticlePageFactory(
            parent=ColumnPageFactory(parent=get_home_page()), title="路灯"
        )
        cls.chinese = handler(username="history-zh")
        cls.english = english(handler(username="history-en"))
        cls.item = FeedbackFactory(article=article)
        walk_to(cls.item, State.ACCEPTED, cls.chinese)
        for key in (
            FeedbackEvent.SYSTEM,
            FeedbackEvent.READER,
            FeedbackEvent.OTHER_READERS,
        ):
            FeedbackEvent.objects.create(
                feedback=cls.item, action="note", actor_name=key, is_internal=True
            )

    def actors(self, user):
        self.client.force_login(user)
        response = self.client.get(
            reverse("wagtailsnippets_feedback_feedback:edit", args=[self.item.pk])
        )
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        return [
            strong.get_text(strip=True)
            for strong in soup.select(".feedback-admin__history strong")
        ]

    def test_an_english_handler_reads_the_actors_in_english(self):
        actors = self.actors(self.english)
        self.assertEqual(actors[-3:], ["System", "Reader", "Other readers"])
        self.assertIn("苏一禾", actors)  # the handler who accepted: a name

    def test_a_chinese_handler_reads_them_in_chinese(self):
        actors = self.actors(self.chinese)
        self.assertEqual(actors[-3:], ["系统", "读者", "其他读者"])

    def test_an_assignment_note_reads_in_the_viewers_language(self):
        lifecycle.assign(self.item, self.chinese, self.chinese, reason="熟悉公交")
        event = self.item.events.get(action="assign")
        self.assertEqual(event.reason, "承办人：苏一禾。熟悉公交")  # public language
        self.assertEqual(event.reason_label, "承办人：苏一禾。熟悉公交")
        with translation.override("en"):
            self.assertEqual(event.reason_label, "Assignee: 苏一禾. 熟悉公交")
        event.reason = "承办人：苏一禾"
        with translation.override("en"):
            self.assertEqual(event.reason_label, "Assignee: 苏一禾")
        event.reason = "另有安排"  # not an assignment note: shown as stored
        with translation.override("en"):
            self.assertEqual(event.reason_label, "另有安排")

        self.client.force_login(self.english)
        html = self.client.get(
            reverse("wagtailsnippets_feedback_feedback:edit", args=[self.item.pk])
        ).content.decode()
        self.assertIn("Assignee: 苏一禾. 熟悉公交", html)
        self.assertNotIn("承办人", html)

    def test_the_lifecycle_signs_with_the_keys(self):
        by_system = lifecycle.record(self.item, "close")
        by_reader = lifecycle.record(self.item, "rate", by_submitter=True)
        self.assertEqual(by_system.actor_name, FeedbackEvent.SYSTEM)
        self.assertEqual(by_reader.actor_name, FeedbackEvent.READER)
        self.assertEqual(by_reader.actor_label, "读者")
        with translation.override("en"):
            self.assertEqual(by_system.actor_label, "System")

    def test_the_migration_turns_stored_chinese_names_into_keys(self):
        migration = importlib.import_module(
            "feedback.migrations.0009_anonymous_actor_keys"
        )
        staff = self.item.events.exclude(actor=None).first()
        staff.actor_name = "读者"  # a staff member so named keeps the name
        staff.save()
        old = {}
        for name in ("系统", "读者", "其他读者", "another reader"):
            old[name] = FeedbackEvent.objects.create(
                feedback=self.item, action="note", actor_name=name
            )
        migration.to_keys(apps, None)
        for name, key in migration.KEYS.items():
            old[name].refresh_from_db()
            self.assertEqual(old[name].actor_name, key)
        staff.refresh_from_db()
        self.assertEqual(staff.actor_name, "读者")


class PermissionNameLanguageTests(TestCase):
    """The feedback permissions' stored names are English source (feedback
    0008), which Wagtail's group editor shows in each user's language."""

    NAMES = [
        ("Can view readers&#x27; contact details", "可查看读者联系方式"),
        ("Can export the feedback list", "可导出反馈"),
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
            "Can export the feedback list",
        )
