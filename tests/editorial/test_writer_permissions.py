"""Everything a writer may not do, tried as real requests: through the
admin's pages, forged POSTs, bulk actions and the admin API."""

import json

from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, get_resolver, reverse
from wagtail.models import APIToken

from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory

from .newsroom import (
    add_url,
    article_form_data,
    build_newsroom,
    edit_form_data,
    edit_url,
    is_refused,
    piece,
    submitted,
    workflow_action_url,
)


class WriterTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        column = newsroom.three_step
        bylines = [("记者", newsroom.author)]
        cls.published = ArticlePageFactory(
            parent=column, owner=newsroom.writer, bylines=bylines
        )
        cls.draft = ArticlePageFactory(
            parent=column, owner=newsroom.writer, bylines=bylines, live=False
        )
        cls.colleagues = ArticlePageFactory(parent=column, owner=newsroom.editor)
        cls.elsewhere = ArticlePageFactory(parent=newsroom.other, owner=newsroom.chief)

    def setUp(self):
        self.client.force_login(self.newsroom.writer)

    def reload(self, page):
        return ArticlePage.objects.filter(pk=page.pk).first()

    def api_action(self, page, action, **data):
        return self.client.post(
            reverse("wagtailadmin_api:pages:action", args=(page.pk, action)),
            json.dumps(data),
            content_type="application/json",
        )


class WriterMayWorkOnOwnPiecesTests(WriterTestCase):
    """The refusals below are not an accident of a broken set-up."""

    def test_writer_may_open_and_save_own_draft(self):
        html = self.client.get(edit_url(self.draft)).content.decode()
        response = self.client.post(
            edit_url(self.draft), edit_form_data(html, title="改过的标题")
        )
        self.assertEqual(response.status_code, 302)
        latest = self.reload(self.draft).get_latest_revision_as_object()
        self.assertEqual(latest.title, "改过的标题")

    def test_writer_may_delete_own_unpublished_draft(self):
        self.client.post(reverse("wagtailadmin_pages:delete", args=(self.draft.pk,)))
        self.assertIsNone(self.reload(self.draft))


class WriterCannotPublishTests(WriterTestCase):
    def test_publish_button_of_the_editor_only_saves_a_draft(self):
        two_step_draft = piece(self.newsroom, column=self.newsroom.two_step)
        for draft in (self.draft, two_step_draft):
            html = self.client.get(edit_url(draft)).content.decode()
            self.assertNotIn('name="action-publish"', html)
            self.client.post(
                edit_url(draft), edit_form_data(html, action="action-publish")
            )
            self.assertFalse(self.reload(draft).live)

    def test_writer_cannot_approve_own_piece_at_any_step(self):
        page = piece(self.newsroom, column=self.newsroom.two_step)
        state = submitted(self.newsroom, page)
        response = self.client.post(workflow_action_url(page, "approve"))
        self.assertTrue(is_refused(response))
        html = self.client.get(edit_url(page)).content.decode()
        self.assertNotIn('data-workflow-action-name="approve"', html)
        self.client.post(
            edit_url(page),
            edit_form_data(
                html,
                action="action-workflow-action",
                **{"workflow-action-name": "approve"},
            ),
        )
        state.refresh_from_db()
        self.assertEqual(state.current_task_state.task.name, "初审")
        self.assertEqual(state.current_task_state.status, "in_progress")

    def test_new_piece_posted_with_publish_stays_a_draft(self):
        self.client.post(
            add_url(self.newsroom.three_step),
            article_form_data(self.newsroom, action="action-publish", title="抢发"),
        )
        page = ArticlePage.objects.get(title="抢发")
        self.assertFalse(page.live)
        self.assertIsNone(page.current_workflow_state)

    def test_bulk_publish_is_refused(self):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        self.client.post(f"{url}?id={self.draft.pk}")
        self.assertFalse(self.reload(self.draft).live)

    def test_admin_api_publish_is_refused(self):
        response = self.api_action(self.draft, "publish")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.reload(self.draft).live)


class WriterCannotUnpublishOrDeleteTests(WriterTestCase):
    def test_unpublish_is_refused(self):
        url = reverse("wagtailadmin_pages:unpublish", args=(self.published.pk,))
        self.assertTrue(is_refused(self.client.get(url)))
        self.assertTrue(is_refused(self.client.post(url)))
        self.assertTrue(self.reload(self.published).live)

    def test_delete_of_a_published_piece_is_refused(self):
        url = reverse("wagtailadmin_pages:delete", args=(self.published.pk,))
        self.assertTrue(is_refused(self.client.post(url)))
        self.assertIsNotNone(self.reload(self.published))

    def test_bulk_unpublish_and_delete_are_refused(self):
        for action in ("unpublish", "delete"):
            url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
            self.client.post(f"{url}?id={self.published.pk}")
        self.assertTrue(self.reload(self.published).live)

    def test_admin_api_unpublish_and_delete_are_refused(self):
        self.assertEqual(self.api_action(self.published, "unpublish").status_code, 403)
        self.assertEqual(self.api_action(self.published, "delete").status_code, 403)
        self.assertTrue(self.reload(self.published).live)


class WriterCannotMoveTests(WriterTestCase):
    def test_moving_is_refused_even_for_own_draft_between_own_columns(self):
        destination = self.newsroom.two_step
        for page in (self.draft, self.published):
            choose = reverse("wagtailadmin_pages:move", args=(page.pk,))
            confirm = reverse(
                "wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk)
            )
            self.assertTrue(is_refused(self.client.get(choose)))
            self.assertTrue(is_refused(self.client.post(confirm)))
            self.assertEqual(
                self.reload(page).get_parent().pk, self.newsroom.three_step.pk
            )

    def test_bulk_move_is_refused(self):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
        self.client.post(
            f"{url}?id={self.draft.pk}", {"chooser": self.newsroom.two_step.pk}
        )
        self.assertEqual(
            self.reload(self.draft).get_parent().pk, self.newsroom.three_step.pk
        )

    def test_admin_api_move_and_copy_elsewhere_are_refused(self):
        other = self.newsroom.other
        response = self.api_action(self.draft, "move", destination_page_id=other.pk)
        self.assertEqual(response.status_code, 403)
        response = self.api_action(self.published, "copy", destination_page_id=other.pk)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(
            ArticlePage.objects.child_of(other).exclude(pk=self.elsewhere.pk).exists()
        )


class WriterStaysInOwnColumnsTests(WriterTestCase):
    def test_pieces_in_another_column_cannot_be_opened_or_saved(self):
        url = edit_url(self.elsewhere)
        self.assertTrue(is_refused(self.client.get(url)))
        response = self.client.post(
            url,
            article_form_data(
                self.newsroom, title="越界修改", slug=self.elsewhere.slug
            ),
        )
        self.assertTrue(is_refused(response))
        self.assertNotEqual(
            self.reload(self.elsewhere).get_latest_revision_as_object().title,
            "越界修改",
        )

    def test_no_new_piece_in_another_column(self):
        url = add_url(self.newsroom.other)
        self.assertTrue(is_refused(self.client.get(url)))
        self.assertTrue(
            is_refused(self.client.post(url, article_form_data(self.newsroom)))
        )
        self.assertEqual(ArticlePage.objects.child_of(self.newsroom.other).count(), 1)

    def test_a_colleagues_piece_in_the_same_column_cannot_be_edited(self):
        self.assertTrue(is_refused(self.client.get(edit_url(self.colleagues))))

    def test_pieces_cannot_be_locked(self):
        url = reverse("wagtailadmin_pages:lock", args=(self.published.pk,))
        self.client.post(url)
        self.assertFalse(self.reload(self.published).locked)


class WagtailApiTests(WriterTestCase):
    def test_token_authenticated_write_api_is_not_mounted(self):
        """Wagtail 8's v3 API (bearer tokens, page create/update/publish) is
        not part of this site; mounting it must come with its own tests."""
        namespaces = get_resolver().namespace_dict
        self.assertNotIn("wagtailapi_v3", namespaces)
        with self.assertRaises(NoReverseMatch):
            reverse("wagtailapi_v3:pages_actions_publish", args=(self.draft.pk,))


@override_settings(ROOT_URLCONF="tests.editorial.urls_with_api_v3")
class TokenApiTests(WriterTestCase):
    """Wagtail 8's v3 API is not mounted here; were it mounted, a writer's
    token would still not publish, unpublish, move or delete. (Its create and
    update endpoints fail in Wagtail 8.0.1 for any user lacking a FieldPanel's
    permission, e.g. a writer and 责任编辑: they write nothing.)"""

    def setUp(self):
        self.client.logout()
        token = APIToken.create_token(user=self.newsroom.writer, name="writer")[1]
        self.client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"

    def test_writer_token_cannot_publish_unpublish_move_or_delete(self):
        pages = "/api/v3/pages"
        responses = [
            self.client.post(f"{pages}/{self.draft.pk}/actions/publish/"),
            self.client.post(
                f"{pages}/{self.published.pk}/actions/unpublish/",
                {},
                content_type="application/json",
            ),
            self.client.post(
                f"{pages}/{self.draft.pk}/actions/move/",
                {"destination_id": self.newsroom.two_step.pk},
                content_type="application/json",
            ),
            self.client.delete(f"{pages}/{self.published.pk}/"),
        ]
        self.assertTrue(all(r.status_code == 403 for r in responses))
        self.assertFalse(self.reload(self.draft).live)
        self.assertTrue(self.reload(self.published).live)
        self.assertEqual(
            self.reload(self.draft).get_parent().pk, self.newsroom.three_step.pk
        )
