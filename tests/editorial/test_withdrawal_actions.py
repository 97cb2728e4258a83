"""Retracting, taking down and restoring from the admin: the buttons, the
confirm view with its required reason, who may (deputy and chief withdraw,
only the chief restores), and the audit log."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse

from articles import withdrawal
from articles.models import ArticlePage, Withdrawal
from articles.withdrawal_admin import REASON_REQUIRED, URL_NAME
from tests.articles.factories import ArticlePageFactory

from .newsroom import build_newsroom, edit_url, is_refused

REASON = "经核实,文中数据来源不实。"


def action_url(page, action: str) -> str:
    return reverse(URL_NAME, args=(page.pk, action))


class WithdrawalActionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.article = ArticlePageFactory(
            parent=newsroom.three_step,
            title="窗口办事何必排长队",
            bylines=[("记者", newsroom.author)],
        )

    def state(self) -> str:
        return ArticlePage.objects.get(pk=self.article.pk).withdrawal

    def post(self, user, action, reason=REASON, **extra):
        self.client.force_login(user)
        return self.client.post(
            action_url(self.article, action), {"reason": reason, **extra}
        )

    def withdraw_as_chief(self, action=withdrawal.RETRACT):
        withdrawal.perform(action, self.article, self.newsroom.chief, REASON)

    def test_chief_retracts_with_a_reason(self):
        self.client.force_login(self.newsroom.chief)
        response = self.client.get(action_url(self.article, "retract"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "撤稿原因(公开)")
        response = self.post(self.newsroom.chief, "retract")
        self.assertRedirects(response, edit_url(self.article))
        self.assertEqual(self.state(), Withdrawal.RETRACTED)

    def test_deputy_may_retract_and_take_down(self):
        self.post(self.newsroom.deputy, "retract")
        self.assertEqual(self.state(), Withdrawal.RETRACTED)
        self.post(self.newsroom.deputy, "take_down")
        self.assertEqual(self.state(), Withdrawal.TAKEN_DOWN)

    def test_only_the_chief_restores(self):
        self.withdraw_as_chief(withdrawal.TAKE_DOWN)
        for username in ("writer", "editor", "deputy", "feedback", "siteadmin"):
            with self.subTest(username=username):
                user = self.newsroom.users[username]
                self.assertTrue(is_refused(self.post(user, "restore")))
                self.assertEqual(self.state(), Withdrawal.TAKEN_DOWN)
        self.post(self.newsroom.chief, "restore")
        self.assertEqual(self.state(), Withdrawal.NONE)

    def test_writers_and_editors_may_not_withdraw(self):
        for username in ("writer", "editor", "feedback", "siteadmin"):
            for action in ("retract", "take_down"):
                with self.subTest(username=username, action=action):
                    user = self.newsroom.users[username]
                    self.client.force_login(user)
                    url = action_url(self.article, action)
                    self.assertTrue(is_refused(self.client.get(url)))
                    self.assertTrue(is_refused(self.post(user, action)))
        self.assertEqual(self.state(), Withdrawal.NONE)

    def test_the_reason_is_required(self):
        response = self.post(self.newsroom.chief, "retract", reason="  ")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, REASON_REQUIRED)
        self.assertEqual(self.state(), Withdrawal.NONE)

    def test_an_action_already_taken_is_a_warning_not_an_error(self):
        self.withdraw_as_chief()
        response = self.post(self.newsroom.deputy, "retract")
        self.assertRedirects(response, edit_url(self.article))
        self.assertEqual(self.state(), Withdrawal.RETRACTED)
        message = [str(m) for m in response.wsgi_request._messages]
        self.assertIn("现在不能撤稿", message[0])

    def test_an_unknown_action_or_page_is_not_found(self):
        self.client.force_login(self.newsroom.chief)
        url = reverse(URL_NAME, args=(self.article.pk, "delete"))
        self.assertEqual(self.client.get(url).status_code, 404)
        column = self.newsroom.three_step
        url = reverse(URL_NAME, args=(column.pk, "retract"))
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_next_url_is_followed_only_on_this_site(self):
        explorer = reverse("wagtailadmin_explore", args=(self.newsroom.three_step.pk,))
        response = self.post(self.newsroom.chief, "retract", next=explorer)
        self.assertRedirects(response, explorer)
        self.withdraw_as_chief(withdrawal.RESTORE)
        response = self.post(
            self.newsroom.chief, "retract", next="https://evil.example/"
        )
        self.assertRedirects(response, edit_url(self.article))

    def test_buttons_offer_what_the_person_may_do_now(self):
        def offered(user, url):
            self.client.force_login(user)
            html = self.client.get(url).content.decode()
            return {
                name
                for name in ("retract", "take_down", "restore")
                if action_url(self.article, name) in html
            }

        editor_url = edit_url(self.article)
        explorer = reverse("wagtailadmin_explore", args=(self.newsroom.three_step.pk,))
        for url in (editor_url, explorer):
            with self.subTest(url=url):
                both = {"retract", "take_down"}
                self.assertEqual(offered(self.newsroom.chief, url), both)
                self.assertEqual(offered(self.newsroom.deputy, url), both)
                self.assertEqual(offered(self.newsroom.editor, url), set())
        self.withdraw_as_chief()
        self.assertEqual(
            offered(self.newsroom.chief, editor_url), {"take_down", "restore"}
        )
        self.assertEqual(offered(self.newsroom.deputy, editor_url), {"take_down"})

    def test_the_page_history_shows_who_and_why(self):
        self.post(self.newsroom.deputy, "retract")
        self.client.force_login(self.newsroom.chief)
        self.client.post(action_url(self.article, "restore"), {"reason": "复核属实"})
        history = reverse("wagtailadmin_pages:history", args=(self.article.pk,))
        html = self.client.get(history).content.decode()
        self.assertIn(f"撤稿:{REASON}", html)
        self.assertIn("恢复:复核属实", html)
        self.assertIn("静远", html)  # Wagtail's own name order

    def test_the_page_listing_says_retracted(self):
        self.withdraw_as_chief()
        self.client.force_login(self.newsroom.chief)
        explorer = reverse("wagtailadmin_explore", args=(self.newsroom.three_step.pk,))
        self.assertContains(self.client.get(explorer), "已撤稿")

    def test_editing_and_publishing_keeps_the_state(self):
        """The chief edits a retracted article and publishes: still retracted."""
        from .newsroom import edit_form_data

        self.withdraw_as_chief()
        self.client.force_login(self.newsroom.chief)
        html = self.client.get(edit_url(self.article)).content.decode()
        data = edit_form_data(html, action="action-publish", title="改过的标题")
        self.client.post(edit_url(self.article), data)
        page = ArticlePage.objects.get(pk=self.article.pk)
        self.assertEqual(page.title, "改过的标题")
        self.assertEqual(page.withdrawal, Withdrawal.RETRACTED)


class RolePermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_newsroom()

    def granted(self) -> dict:
        return {
            name: set(
                Group.objects.get(name=name)
                .permissions.filter(content_type__app_label="articles")
                .filter(codename__contains="_article")
                .values_list("codename", flat=True)
            )
            for name in ("编辑", "副总编辑", "总编辑")
        }

    def test_setup_newsroom_and_the_migration_grant_the_same(self):
        expected = {
            "编辑": set(),
            "副总编辑": {"retract_article", "take_down_article"},
            "总编辑": {"retract_article", "take_down_article", "restore_article"},
        }
        self.assertEqual(self.granted(), expected)
        for group in Group.objects.all():
            group.permissions.remove(
                *group.permissions.filter(codename__endswith="_article")
            )
        migration = import_module("editorial.migrations.0002_withdrawal_permissions")
        migration.grant(apps, None)
        self.assertEqual(self.granted(), expected)
