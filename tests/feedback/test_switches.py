"""Comments closed per article, per column and site-wide: the form gives way
to the notice, published comments stay, a submission after the switch is
refused with the notice and nothing stored, every switch is logged and
purges the caches; only the roles allowed may switch."""

from unittest import mock

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from commentlog.models import CommentLogEntry
from feedback import lifecycle, switches
from feedback.models import CommentSwitch, Feedback, Kind, Scope
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler
from tests.home.factories import get_home_page


def member(role: str, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=role))
    return user


class SwitchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("setup_newsroom", verbosity=0)
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="青岚时评")
        cls.other_column = ColumnPageFactory(parent=home, title="城市观察")
        cls.article = ArticlePageFactory(parent=cls.column, title="窗口办事")
        cls.neighbour = ArticlePageFactory(parent=cls.column, title="路灯")
        cls.elsewhere = ArticlePageFactory(parent=cls.other_column, title="公交")
        cls.chief = member("总编辑", username="chief")
        cls.deputy = member("副总编辑", username="deputy")
        cls.published = FeedbackFactory(
            article=cls.article, kind=Kind.COMMENT, message="已经公开的评论"
        )
        lifecycle.publish(cls.published, handler())

    def post(self, article, **fields):
        return self.client.post(
            reverse("feedback:submit", args=[article.pk]),
            form_data(article, kind="comment", **fields),
        )

    def close(self, scope, page=None, user=None, notice=""):
        return switches.set_comments(
            scope, closed=True, user=user or self.chief, page=page, notice=notice
        )


class ClosedArticleTests(SwitchTestCase):
    def test_a_closed_article_shows_the_notice_and_keeps_its_comments(self):
        self.close(Scope.ARTICLE, self.article, notice="本文评论已关闭，感谢关注。")
        page = self.client.get(self.article.url)
        self.assertContains(page, "本文评论已关闭，感谢关注。")
        self.assertNotContains(page, 'class="feedback-form"')
        self.assertContains(page, "已经公开的评论")
        neighbour = self.client.get(self.neighbour.url)
        self.assertContains(neighbour, 'class="feedback-form"')

    def test_a_submission_after_the_switch_is_refused_and_nothing_stored(self):
        before = Feedback.objects.count()
        self.close(Scope.ARTICLE, self.article)
        response = self.post(self.article, message="关了还能发吗")
        self.assertEqual(response.status_code, 403)
        self.assertContains(
            response, str(switches.DEFAULT_NOTICES[Scope.ARTICLE]), status_code=403
        )
        self.assertContains(response, "关了还能发吗", status_code=403)
        self.assertEqual(Feedback.objects.count(), before)
        refused = CommentLogEntry.objects.get(action="refused_closed")
        self.assertEqual(refused.article_id, self.article.pk)
        self.assertEqual(refused.ip_address, "127.0.0.1")

    def test_reopening_lets_readers_write_again(self):
        self.close(Scope.ARTICLE, self.article)
        switches.set_comments(
            Scope.ARTICLE, closed=False, user=self.chief, page=self.article
        )
        self.assertEqual(self.post(self.article).status_code, 302)
        self.assertContains(self.client.get(self.article.url), 'class="feedback-form"')

    def test_every_switch_is_logged_with_who(self):
        self.close(Scope.ARTICLE, self.article)
        switches.set_comments(
            Scope.ARTICLE, closed=False, user=self.chief, page=self.article
        )
        steps = CommentLogEntry.objects.filter(action="switch").order_by("pk")
        self.assertEqual(
            list(steps.values_list("step", "user_id", "article_id")),
            [
                ("article:close", self.chief.pk, self.article.pk),
                ("article:open", self.chief.pk, self.article.pk),
            ],
        )

    def test_a_cached_page_is_purged_when_comments_close(self):
        with mock.patch("caching.purge.PurgeBatch") as batch:
            with self.captureOnCommitCallbacks(execute=True):
                self.close(Scope.ARTICLE, self.article)
        purged = set().union(*(set(call.args[0]) for call in batch.call_args_list))
        self.assertIn(self.article.full_url, purged)


class ColumnAndSiteTests(SwitchTestCase):
    def test_a_closed_column_closes_its_articles_only(self):
        self.close(Scope.COLUMN, self.column, user=self.deputy)
        self.assertEqual(self.post(self.neighbour).status_code, 403)
        self.assertEqual(self.post(self.elsewhere).status_code, 302)

    def test_the_site_wide_switch_closes_every_article_with_a_notice(self):
        self.close(Scope.SITE)
        notice = str(switches.DEFAULT_NOTICES[Scope.SITE])
        for article in (self.article, self.neighbour, self.elsewhere):
            self.assertContains(self.client.get(article.url), notice)
            self.assertEqual(self.post(article).status_code, 403)
        self.assertContains(self.client.get(self.article.url), "已经公开的评论")

    def test_the_site_wide_switch_is_one_click_for_the_chief(self):
        self.client.force_login(self.chief)
        with mock.patch("caching.purge.PageCache") as page_cache:
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(
                    reverse("feedback_switches:index"), {"action": "close"}
                )
        self.assertRedirects(response, reverse("feedback_switches:index"))
        self.assertTrue(CommentSwitch.objects.get(scope=Scope.SITE).closed)
        # A new generation of the Django page cache: every page renders anew.
        page_cache.return_value.purge_everything.assert_called_once()
        self.assertEqual(self.post(self.article).status_code, 403)

    def test_a_stale_cached_form_cannot_get_a_comment_in(self):
        page = self.client.get(self.article.url)  # rendered while open
        self.assertContains(page, 'class="feedback-form"')
        self.close(Scope.SITE)
        self.assertEqual(self.post(self.article).status_code, 403)


class WhoMaySwitchTests(SwitchTestCase):
    def test_an_editor_closes_only_articles_they_cover(self):
        editor = member("编辑", username="editor")
        self.assertFalse(switches.may_switch(editor, Scope.ARTICLE, self.article))
        self.assertFalse(switches.may_switch(editor, Scope.COLUMN, self.column))
        self.assertFalse(switches.may_switch(editor, Scope.SITE))
        self.assertTrue(switches.may_switch(self.deputy, Scope.COLUMN, self.column))
        self.assertFalse(switches.may_switch(self.deputy, Scope.SITE))
        self.assertTrue(switches.may_switch(self.chief, Scope.SITE))

    def test_the_switch_is_offered_on_the_page_header_to_whoever_may(self):
        url = reverse("feedback_switches:page", args=("article", self.article.pk))
        edit = reverse("wagtailadmin_pages:edit", args=[self.article.pk])
        self.client.force_login(self.chief)
        self.assertContains(self.client.get(edit), url)
        confirm = self.client.get(url)
        self.assertEqual(confirm.status_code, 200)
        self.client.force_login(member("撰稿人", username="writer2"))
        self.assertNotIn(url, self.client.get(edit).content.decode())
        self.assertNotEqual(self.client.get(url).status_code, 200)

    def test_a_refused_switch_changes_nothing(self):
        writer = member("撰稿人", username="writer")
        with self.assertRaises(switches.SwitchRefused):
            self.close(Scope.ARTICLE, self.article, user=writer)
        self.client.force_login(self.deputy)
        self.client.post(reverse("feedback_switches:index"), {"action": "close"})
        self.assertFalse(CommentSwitch.objects.exists())
        self.assertFalse(CommentLogEntry.objects.filter(action="switch").exists())
