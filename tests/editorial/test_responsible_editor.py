"""责任编辑: recorded from the 初审 approver unless an editor chose one."""

from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail.models import PageLogEntry

from articles.models import ArticlePage
from editorial.responsible import LOG_ACTION
from editorial.roles import EDITORS
from editorial.teams import assign
from tests.core.factories import UserFactory

from .newsroom import (
    add_url,
    approve_in_editor,
    article_form_data,
    build_newsroom,
    edit_form_data,
    edit_url,
    workflow_action_url,
)


class ResponsibleEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.second_editor = UserFactory(
            username="editor2", last_name="陈", first_name="思远"
        )
        cls.second_editor.groups.add(Group.objects.get(name=EDITORS))
        assign(cls.second_editor, newsroom.two_step, EDITORS)

    def submit(self, **fields):
        self.client.force_login(self.newsroom.writer)
        self.client.post(
            add_url(self.newsroom.two_step),
            article_form_data(self.newsroom, action="action-submit", **fields),
        )
        return ArticlePage.objects.latest("pk")

    def publish(self, page, first_reviewer, **changes):
        self.client.force_login(first_reviewer)
        approve_in_editor(self.client, page, **changes)
        self.client.force_login(self.newsroom.chief)
        self.client.post(workflow_action_url(page, "approve"))
        page.refresh_from_db()
        return page

    def test_first_review_approver_is_recorded_and_logged(self):
        page = self.publish(self.submit(), self.newsroom.editor)
        self.assertTrue(page.live)
        self.assertEqual(page.responsible_editor, self.newsroom.editor)
        entry = PageLogEntry.objects.get(page=page, action=LOG_ACTION)
        self.assertEqual(entry.user, self.newsroom.editor)
        self.assertEqual(entry.data["name"], "周明哲")

    def test_an_editor_who_chooses_someone_by_hand_is_not_overruled(self):
        chosen = self.second_editor
        page = self.publish(
            self.submit(), self.newsroom.editor, responsible_editor=str(chosen.pk)
        )
        self.assertEqual(page.responsible_editor, chosen)
        self.assertFalse(PageLogEntry.objects.filter(action=LOG_ACTION).exists())

    def test_a_later_first_review_replaces_an_automatic_choice(self):
        page = self.publish(self.submit(), self.newsroom.editor)
        # The writer revises the live piece; another editor passes 初审.
        self.client.force_login(self.newsroom.writer)
        html = self.client.get(edit_url(page)).content.decode()
        self.client.post(
            edit_url(page), edit_form_data(html, action="action-submit", title="修订版")
        )
        page = self.publish(page, self.second_editor)
        self.assertEqual(page.title, "修订版")
        self.assertEqual(page.responsible_editor, self.second_editor)

    def test_writers_cannot_choose_the_responsible_editor(self):
        self.client.force_login(self.newsroom.writer)
        response = self.client.get(add_url(self.newsroom.two_step))
        self.assertNotIn('name="responsible_editor"', response.content.decode())
        # A forged field is dropped by the form: the approver is recorded.
        page = self.submit(responsible_editor=str(self.newsroom.writer.pk))
        self.assertIsNone(page.get_latest_revision_as_object().responsible_editor)
        page = self.publish(page, self.newsroom.editor)
        self.assertEqual(page.responsible_editor, self.newsroom.editor)

    def test_the_public_page_names_the_responsible_editor(self):
        page = self.publish(self.submit(), self.newsroom.editor)
        self.client.logout()
        response = self.client.get(page.url)
        self.assertContains(response, "责任编辑：周明哲")
