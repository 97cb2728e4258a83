"""更正与追记 in the admin: the list by coverage, drafting from the article,
the approval page, and what a public correction no longer allows."""

from django.test import TestCase
from django.urls import reverse

from corrections.models import Correction, State
from tests.articles.factories import ArticlePageFactory
from tests.corrections.factories import CorrectionFactory, approved
from tests.editorial.newsroom import build_newsroom, is_refused
from tests.html import soup_of

NAMESPACE = "wagtailsnippets_corrections_correction"


def admin_url(name, *args) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=args)


def approve_url(correction) -> str:
    return admin_url("approve", correction.pk)


def edit_url(correction) -> str:
    return admin_url("edit", correction.pk)


class CorrectionAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        bylines = [("记者", newsroom.author)]
        cls.article = ArticlePageFactory(parent=newsroom.three_step, bylines=bylines)
        cls.article.save_revision().publish()
        cls.elsewhere = ArticlePageFactory(parent=newsroom.other, bylines=bylines)

    def login(self, username):
        self.client.force_login(self.newsroom.users[username])


class ListTests(CorrectionAdminTestCase):
    def test_the_list_shows_the_columns_a_person_covers(self):
        mine = CorrectionFactory(article=self.article, text="本栏目的更正")
        CorrectionFactory(article=self.elsewhere, text="别的栏目的更正")
        self.login("editor")
        html = self.client.get(admin_url("list")).content.decode()
        self.assertIn("本栏目的更正", html)
        self.assertNotIn("别的栏目的更正", html)
        self.assertIn(approve_url(mine), html)

    def test_a_writer_sees_the_drafts_they_wrote(self):
        CorrectionFactory(
            article=self.article, text="我起草的", created_by=self.newsroom.writer
        )
        CorrectionFactory(article=self.article, text="编辑起草的")
        self.login("writer")
        html = self.client.get(admin_url("list")).content.decode()
        self.assertIn("我起草的", html)
        self.assertNotIn("编辑起草的", html)

    def test_a_correction_outside_ones_columns_is_refused(self):
        other = CorrectionFactory(article=self.elsewhere)
        self.login("editor")
        self.assertTrue(is_refused(self.client.get(edit_url(other))))
        self.assertEqual(self.client.get(approve_url(other)).status_code, 404)

    def test_the_feedback_team_has_no_corrections_menu(self):
        self.login("feedback")
        self.assertEqual(self.client.get(admin_url("list")).status_code, 302)


class DraftingTests(CorrectionAdminTestCase):
    def test_the_article_header_offers_to_add_a_correction(self):
        self.login("editor")
        html = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.article.pk])
        ).content.decode()
        self.assertIn(f"{admin_url('add')}?article={self.article.pk}", html)

    def test_the_form_opened_from_the_article_has_it_filled_in(self):
        self.login("writer")
        response = self.client.get(admin_url("add"), {"article": self.article.pk})
        field = soup_of(response).select_one('input[name="article"]')
        self.assertEqual(field["value"], str(self.article.pk))
        revisions = soup_of(response).select('select[name="revision"] option')
        self.assertGreater(len(revisions), 1)

    def test_a_writer_drafts_a_correction(self):
        self.login("writer")
        response = self.client.post(
            admin_url("add"),
            {"article": self.article.pk, "kind": "update", "text": "补充:已回应。"},
        )
        self.assertEqual(response.status_code, 302)
        correction = Correction.objects.get()
        self.assertEqual(correction.state, State.DRAFT)
        self.assertEqual(correction.created_by, self.newsroom.writer)
        self.assertEqual(correction.kind, "update")

    def test_no_draft_on_an_article_of_another_column(self):
        self.login("writer")
        response = self.client.post(
            admin_url("add"),
            {"article": self.elsewhere.pk, "kind": "correction", "text": "x"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "您不负责这篇文章所在的栏目")
        self.assertFalse(Correction.objects.exists())

    def test_the_revision_must_be_the_articles(self):
        other_revision = self.elsewhere.save_revision()
        self.login("editor")
        response = self.client.post(
            admin_url("add"),
            {
                "article": self.article.pk,
                "kind": "correction",
                "text": "更正",
                "revision": other_revision.pk,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Correction.objects.exists())


class ApprovalViewTests(CorrectionAdminTestCase):
    def test_the_approver_reads_and_approves(self):
        correction = CorrectionFactory(article=self.article, text="日期应为11月27日。")
        self.login("editor")
        page = self.client.get(approve_url(correction))
        self.assertContains(page, "日期应为11月27日。")

        response = self.client.post(approve_url(correction))

        self.assertRedirects(response, admin_url("list"))
        correction.refresh_from_db()
        self.assertEqual(correction.state, State.APPROVED)
        self.assertEqual(correction.approved_by, self.newsroom.editor)

    def test_anyone_else_is_refused(self):
        correction = CorrectionFactory(article=self.article)
        for username in ("writer", "deputy", "chief"):
            with self.subTest(username):
                self.login(username)
                self.assertTrue(is_refused(self.client.post(approve_url(correction))))
        correction.refresh_from_db()
        self.assertEqual(correction.state, State.DRAFT)

    def test_a_public_correction_is_neither_edited_nor_deleted(self):
        correction = approved(self.article, self.newsroom.editor)
        self.login("editor")
        self.assertTrue(is_refused(self.client.get(edit_url(correction))))
        delete = admin_url("delete", correction.pk)
        self.assertTrue(is_refused(self.client.post(delete)))
        self.assertTrue(Correction.objects.filter(pk=correction.pk).exists())

    def test_approval_shows_in_the_articles_history(self):
        approved(self.article, self.newsroom.editor)
        self.login("editor")
        history = self.client.get(
            reverse("wagtailadmin_pages:history", args=[self.article.pk])
        )
        self.assertContains(history, "审核通过")
