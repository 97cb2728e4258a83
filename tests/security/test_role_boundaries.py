"""Each role sees only its own: drafts and previews of columns a user does
not work on, and readers' contact details and exports, stay closed, tried as
real requests with every newsroom role (the editorial role matrix covers
what each role may *do*; this covers what it may *see*)."""

from django.test import TestCase
from django.urls import reverse

from feedback.models import State
from tests.articles.factories import ArticlePageFactory
from tests.editorial.newsroom import build_newsroom
from tests.feedback.factories import FeedbackFactory, handler, walk_to

SECRET = "尚未发表的独家稿件"
CONTACT = "reader-secret@example.com"
ROLES = ["writer", "editor", "deputy", "chief", "feedback", "siteadmin"]


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class DraftsStayWithTheirColumnTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()
        cls.other_draft = ArticlePageFactory(
            parent=cls.newsroom.other, slug="other-draft", title=SECRET, live=False
        )
        cls.other_draft.save_revision()
        cls.colleague_draft = ArticlePageFactory(
            parent=cls.newsroom.three_step,
            slug="colleague-draft",
            title=SECRET + "2",
            live=False,
            owner=cls.newsroom.chief,
        )
        cls.colleague_draft.save_revision()

    def reaches(self, username, page) -> dict[str, bool]:
        self.client.force_login(self.newsroom.users[username])
        reached = {}
        for name in ["edit", "view_draft", "preview_on_edit", "history"]:
            response = self.client.get(
                reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
            )
            reached[name] = response.status_code == 200 and (
                page.title in response.content.decode() or name == "preview_on_edit"
            )
        return reached

    def test_a_draft_in_a_column_without_a_team_is_seen_only_by_deputy_and_chief(self):
        for username in ROLES:
            with self.subTest(username):
                reached = self.reaches(username, self.other_draft)
                if username in {"deputy", "chief"}:
                    self.assertTrue(reached["edit"], reached)
                else:
                    self.assertFalse(any(reached.values()), reached)

    def test_a_writer_does_not_see_a_colleagues_draft_in_their_own_column(self):
        reached = self.reaches("writer", self.colleague_draft)

        self.assertFalse(any(reached.values()), reached)

    def test_the_columns_editor_does(self):
        self.assertTrue(self.reaches("editor", self.colleague_draft)["edit"])


class FeedbackStaysWithItsRoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()
        staff = handler(username="handler2")
        own = ArticlePageFactory(parent=cls.newsroom.three_step, slug="own")
        elsewhere = ArticlePageFactory(parent=cls.newsroom.other, slug="elsewhere")
        cls.own_item = walk_to(
            FeedbackFactory(article=own, contact=CONTACT), State.ACCEPTED, staff
        )
        cls.other_item = FeedbackFactory(article=elsewhere, contact=CONTACT)

    def get(self, username, url):
        self.client.force_login(self.newsroom.users[username])
        return self.client.get(url)

    def item_url(self, item):
        return reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])

    def export_url(self, spreadsheet_format="csv"):
        list_url = reverse("wagtailsnippets_feedback_feedback:list")
        return f"{list_url}?export={spreadsheet_format}"

    def test_only_the_feedback_handler_sees_readers_contact_details(self):
        for username in ROLES:
            with self.subTest(username):
                response = self.get(username, self.item_url(self.own_item))
                sees_contact = CONTACT in response.content.decode()
                self.assertEqual(sees_contact, username == "feedback")

    def test_an_editor_sees_the_feedback_of_their_own_columns_only(self):
        self.assertEqual(
            self.get("editor", self.item_url(self.own_item)).status_code, 200
        )

        response = self.get("editor", self.item_url(self.other_item))

        self.assertNotEqual(response.status_code, 200)
        listing = self.get("editor", reverse("wagtailsnippets_feedback_feedback:list"))
        self.assertNotIn(self.other_item.tracking_code, listing.content.decode())

    def test_writers_and_site_admins_never_open_the_feedback_queue(self):
        for username in ["writer", "siteadmin"]:
            for url in [
                reverse("wagtailsnippets_feedback_feedback:list"),
                self.item_url(self.own_item),
                self.export_url(),
            ]:
                with self.subTest(username=username, url=url):
                    response = self.get(username, url)
                    self.assertNotEqual(response.status_code, 200)
                    self.assertNotIn(CONTACT.encode(), body_of(response))

    def test_only_the_feedback_handler_exports_and_only_they_get_contacts(self):
        for username in ROLES:
            with self.subTest(username):
                response = self.get(username, self.export_url())
                body = body_of(response)
                exported = response.status_code == 200 and "csv" in response.get(
                    "Content-Type", ""
                )
                self.assertEqual(exported, username == "feedback")
                self.assertEqual(CONTACT.encode() in body, username == "feedback")
