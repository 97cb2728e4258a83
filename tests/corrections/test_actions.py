"""Drafting and approving a correction: who may, what approval does (number,
log, record, purge), and what is refused."""

from django.test import TestCase, override_settings
from wagtail.models import ModelLogEntry, PageLogEntry

from core.purging import article_changed
from corrections import actions
from corrections.models import Correction, State
from editorial.setup import setup_newsroom
from record.models import Entry, Event
from tests.articles.factories import ArticlePageFactory
from tests.core.factories import UserFactory
from tests.corrections.factories import CorrectionFactory, approved
from tests.editorial.newsroom import build_newsroom


class CorrectionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        bylines = [("记者", newsroom.author)]
        cls.article = ArticlePageFactory(parent=newsroom.three_step, bylines=bylines)
        cls.elsewhere = ArticlePageFactory(parent=newsroom.other, bylines=bylines)


class DraftTests(CorrectionTestCase):
    def test_writers_and_editors_of_the_column_may_draft(self):
        for username in ("writer", "editor", "deputy", "chief"):
            with self.subTest(username):
                user = self.newsroom.users[username]
                self.assertTrue(actions.may_draft(user, self.article))

    def test_nobody_outside_the_column_or_without_the_permission_may_draft(self):
        n = self.newsroom
        self.assertFalse(actions.may_draft(n.writer, self.elsewhere))
        self.assertFalse(actions.may_draft(n.editor, self.elsewhere))
        self.assertFalse(actions.may_draft(n.feedback, self.article))
        self.assertFalse(actions.may_draft(n.siteadmin, self.article))

    def test_a_draft_needs_a_live_article_and_some_text(self):
        draft_page = ArticlePageFactory(parent=self.newsroom.three_step, live=False)
        with self.assertRaisesMessage(actions.NotAllowed, "已发布的文章"):
            actions.draft(draft_page, self.newsroom.editor, text="更正")
        with self.assertRaisesMessage(actions.NotAllowed, "内容"):
            actions.draft(self.article, self.newsroom.editor, text="  ")

    def test_a_draft_is_not_public(self):
        correction = actions.draft(self.article, self.newsroom.writer, text="补充说明")
        self.assertEqual(correction.state, State.DRAFT)
        self.assertIsNone(correction.number)
        self.assertFalse(Correction.objects.public().exists())


class ApprovalTests(CorrectionTestCase):
    def test_only_the_first_review_role_on_the_column_may_approve(self):
        correction = CorrectionFactory(article=self.article)
        n = self.newsroom
        self.assertTrue(actions.may_approve(n.editor, correction))
        for user in (n.writer, n.deputy, n.chief, n.feedback, n.siteadmin):
            with self.subTest(user.username):
                self.assertFalse(actions.may_approve(user, correction))
        self.assertFalse(
            actions.may_approve(n.editor, CorrectionFactory(article=self.elsewhere))
        )

    def test_approval_refused_to_anyone_else(self):
        correction = CorrectionFactory(article=self.article)
        with self.assertRaises(actions.NotAllowed):
            actions.approve(correction, self.newsroom.chief)
        correction.refresh_from_db()
        self.assertEqual(correction.state, State.DRAFT)

    @override_settings(CORRECTIONS_APPROVER_ROLE="总编辑")
    def test_the_approver_role_is_a_setting(self):
        setup_newsroom()
        chief = UserFactory()
        chief.groups.add(*self.newsroom.chief.groups.all())
        correction = CorrectionFactory(article=self.article)
        self.assertTrue(actions.may_approve(chief, correction))

    def test_approval_numbers_publishes_and_stamps_the_correction(self):
        first = approved(self.article, self.newsroom.editor)
        second = actions.approve(
            CorrectionFactory(article=self.article, published_at=None),
            self.newsroom.editor,
        )
        self.assertEqual((first.number, second.number), (1, 2))
        self.assertEqual(second.state, State.APPROVED)
        self.assertEqual(second.approved_by, self.newsroom.editor)
        self.assertEqual(second.published_at, second.approved_at)
        self.assertEqual(
            list(Correction.objects.public().newest_first()), [second, first]
        )

    def test_approving_twice_is_refused(self):
        correction = approved(self.article, self.newsroom.editor)
        with self.assertRaisesMessage(actions.NotAllowed, "已经公开"):
            actions.approve(correction, self.newsroom.editor)

    def test_approval_is_logged_on_the_correction_and_on_the_article(self):
        correction = approved(self.article, self.newsroom.editor)
        page_log = PageLogEntry.objects.get(
            page=self.article, action=actions.APPROVE_LOG_ACTION
        )
        self.assertEqual(page_log.user, self.newsroom.editor)
        self.assertEqual(page_log.data["number"], 1)
        self.assertIn("审核通过", page_log.message)
        self.assertTrue(
            ModelLogEntry.objects.filter(
                object_id=str(correction.pk), action=actions.APPROVE_LOG_ACTION
            ).exists()
        )

    def test_approval_archives_the_article_as_readers_now_see_it(self):
        correction = approved(self.article, self.newsroom.editor, text="日期已更正。")
        entry = Entry.objects.get(page_id=self.article.pk)
        self.assertEqual(entry.event, Event.CORRECTION)
        self.assertEqual(entry.user_id, self.newsroom.editor.pk)
        self.assertIn("日期已更正。", entry.html)
        self.assertEqual(entry.metadata["corrections"][0]["number"], correction.number)

    def test_approval_says_the_article_changed_so_caches_purge_it(self):
        sent = []

        def receiver(sender, page_id, **kwargs):
            sent.append(page_id)

        article_changed.connect(receiver)
        self.addCleanup(article_changed.disconnect, receiver)
        approved(self.article, self.newsroom.editor)
        self.assertEqual(sent, [self.article.pk])

    def test_a_correction_cannot_go_public_on_an_article_no_longer_live(self):
        correction = CorrectionFactory(article=self.article)
        self.article.unpublish()
        with self.assertRaisesMessage(actions.NotAllowed, "不在线"):
            actions.approve(correction, self.newsroom.editor)

    def test_a_public_correction_cannot_be_edited_a_draft_can(self):
        draft = CorrectionFactory(article=self.article)
        self.assertTrue(actions.may_edit(self.newsroom.writer, draft))
        public = approved(self.article, self.newsroom.editor)
        self.assertFalse(actions.may_edit(self.newsroom.editor, public))
