"""The review chains walked as real requests against the admin's own URLs."""

from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from articles.models import ArticlePage

from .newsroom import (
    add_url,
    approve_in_editor,
    article_form_data,
    build_newsroom,
    edit_form_data,
    edit_url,
    is_refused,
    task_state_of,
    workflow_action_url,
)

SEND_BACK_COMMENT = "第三段论据不足,请补充去年的投诉数据。"


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


class ChainTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()

    def as_user(self, username):
        self.client.force_login(self.newsroom.users[username])
        return self.client

    def submit_new_piece(self, column, **fields):
        response = self.as_user("writer").post(
            add_url(column),
            article_form_data(self.newsroom, action="action-submit", **fields),
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return ArticlePage.objects.child_of(column).latest("pk")

    def approve(self, username, page):
        mail.outbox.clear()
        response = self.as_user(username).post(workflow_action_url(page, "approve"))
        self.assertEqual(response.status_code, 302)

    def assertAt(self, page, task_name):
        state = task_state_of(page)
        self.assertIsNotNone(state, f"{page} is not in review")
        self.assertEqual(state.task.name, task_name)
        self.assertEqual(state.status, TaskState.STATUS_IN_PROGRESS)


class ThreeStepChainTests(ChainTestCase):
    def test_piece_goes_from_writer_through_three_reviews_to_the_public_page(self):
        newsroom = self.newsroom
        page = self.submit_new_piece(newsroom.three_step)
        self.assertFalse(page.live)
        self.assertAt(page, "初审")
        self.assertEqual(recipients(), ["editor@example.com"])

        # 编辑 sends it back with a comment; the writer is told by e-mail.
        mail.outbox.clear()
        response = self.as_user("editor").post(
            workflow_action_url(page, "reject"), {"comment": SEND_BACK_COMMENT}
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(
            page.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES
        )
        self.assertEqual(recipients(), ["writer@example.com"])
        self.assertIn(SEND_BACK_COMMENT, mail.outbox[0].body)

        # The writer sees the comment on the dashboard, edits and resubmits.
        dashboard = self.as_user("writer").get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, SEND_BACK_COMMENT)
        mail.outbox.clear()
        html = self.client.get(edit_url(page)).content.decode()
        response = self.client.post(
            edit_url(page),
            edit_form_data(html, action="action-submit", standfirst="补充了数据。"),
        )
        self.assertEqual(response.status_code, 302)
        self.assertAt(page, "初审")
        self.assertEqual(recipients(), ["editor@example.com"])

        # 初审 in the editor: its approver becomes 责任编辑.
        mail.outbox.clear()
        response = approve_in_editor(self.as_user("editor"), page)
        self.assertEqual(response.status_code, 302)
        self.assertAt(page, "复审")
        self.assertEqual(recipients(), ["deputy@example.com"])
        latest = page.get_latest_revision_as_object()
        self.assertEqual(latest.responsible_editor, newsroom.editor)
        self.assertEqual(latest.standfirst, "补充了数据。")

        self.approve("deputy", page)
        self.assertAt(page, "终审")
        self.assertEqual(recipients(), ["chief@example.com"])

        self.approve("chief", page)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertIsNone(page.current_workflow_state)
        self.assertEqual(page.responsible_editor, newsroom.editor)
        self.assertEqual(recipients(), ["writer@example.com"])  # "approved"

        self.client.logout()
        public = self.client.get(page.url)
        self.assertContains(public, "责任编辑：周明哲")
        self.assertContains(public, "补充了数据。")

    def test_a_send_back_at_a_later_step_reaches_the_writer_with_the_comment(self):
        page = self.submit_new_piece(self.newsroom.three_step)
        self.approve("editor", page)
        mail.outbox.clear()
        self.as_user("deputy").post(
            workflow_action_url(page, "reject"), {"comment": SEND_BACK_COMMENT}
        )
        self.assertEqual(recipients(), ["writer@example.com"])
        self.assertIn(SEND_BACK_COMMENT, mail.outbox[0].body)
        self.assertIn("复审", mail.outbox[0].body)
        dashboard = self.as_user("writer").get(reverse("wagtailadmin_home"))
        self.assertContains(dashboard, SEND_BACK_COMMENT)

    def test_sending_back_without_a_comment_is_refused(self):
        page = self.submit_new_piece(self.newsroom.three_step)
        editor = self.as_user("editor")

        # The modal form requires the comment (as the admin's JS posts it)...
        response = editor.post(
            workflow_action_url(page, "reject"),
            {"comment": "  "},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertIn("退回修改必须写明修改意见", response.json()["html"])
        # ... a plain POST without one changes nothing ...
        editor.post(workflow_action_url(page, "reject"))
        self.assertAt(page, "初审")
        # ... nor does a send-back forged on the editor's form.
        html = editor.get(edit_url(page)).content.decode()
        response = editor.post(
            edit_url(page),
            edit_form_data(
                html,
                action="action-workflow-action",
                **{"workflow-action-name": "reject"},
            ),
        )
        self.assertContains(response, "退回修改必须写明修改意见")
        self.assertAt(page, "初审")

    def test_reviewers_outside_the_column_get_no_mail_and_cannot_act(self):
        newsroom = self.newsroom
        outsider = type(newsroom.editor).objects.create_user(
            "outsider", "outsider@example.com", "x"
        )
        outsider.groups.add(*newsroom.editor.groups.filter(name="编辑"))
        page = self.submit_new_piece(newsroom.three_step)
        self.assertNotIn("outsider@example.com", recipients())
        self.client.force_login(outsider)
        response = self.client.post(workflow_action_url(page, "approve"))
        self.assertTrue(is_refused(response))
        self.assertAt(page, "初审")


class TwoStepChainTests(ChainTestCase):
    def test_piece_is_published_after_first_and_final_review(self):
        newsroom = self.newsroom
        page = self.submit_new_piece(newsroom.two_step)
        self.assertAt(page, "初审")
        approve_in_editor(self.as_user("editor"), page)
        self.assertAt(page, "终审")
        self.assertNotIn("deputy@example.com", recipients())
        self.approve("chief", page)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.responsible_editor, newsroom.editor)

    def test_deputy_has_no_step_in_the_two_step_chain(self):
        page = self.submit_new_piece(self.newsroom.two_step)
        approve_in_editor(self.as_user("editor"), page)
        response = self.as_user("deputy").post(workflow_action_url(page, "approve"))
        self.assertTrue(is_refused(response))
        self.assertAt(page, "终审")


class HistoryTests(ChainTestCase):
    def test_revision_history_compare_and_audit_log_keep_working(self):
        page = self.submit_new_piece(self.newsroom.two_step)
        approve_in_editor(self.as_user("editor"), page)
        self.approve("chief", page)
        revisions = list(page.revisions.order_by("pk").values_list("pk", flat=True))
        self.assertGreaterEqual(len(revisions), 2)
        chief = self.as_user("chief")
        history = chief.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
        self.assertContains(history, "责任编辑记为 周明哲")
        self.assertContains(history, "初审")
        compare = chief.get(
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(page.pk, revisions[0], revisions[-1]),
            )
        )
        self.assertEqual(compare.status_code, 200)
