"""Reprints (转载): the original's title, author, link and time are required
and the outlet may not be this site; approval needs an outlet on the
approved list and, for a changed title, the approver's confirmation; the
page and its JSON-LD name the original."""

import json

from django.test import TestCase
from django.urls import reverse

from articles.forms import REPRINT_REQUIRED, REPRINT_SOURCE_IS_OWN
from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory, SourceFactory
from tests.html import one, soup_of, text_of

from .newsroom import (
    add_url,
    approve_in_editor,
    article_form_data,
    build_newsroom,
    edit_form_data,
    edit_url,
    task_state_of,
    workflow_action_url,
)

TITLE = "城市更新要留住烟火气"
ORIGINAL = {
    "is_reprint": "on",
    "original_title": TITLE,
    "original_author": "岳明川",
    "original_url": "https://lanjiang.example/2026/11/yanhuoqi.html",
    "original_published_at": "2026-11-01 08:30",
}
UNCONFIRMED = "标题与原标题不一致"
NOT_APPROVED = "不在转载白名单上"


def form_errors(response) -> dict[str, list[str]]:
    form = response.context["form"]
    return {
        name: [str(error) for error in errors] for name, errors in form.errors.items()
    }


def latest(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()


class ReprintTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()  # its default source is 青岚新闻网: us
        cls.approved = SourceFactory(
            name="岚江都市报",
            url="https://lanjiang.example/",
            approved_for_reprint=True,
        )
        cls.unapproved = SourceFactory(name="某自媒体")

    def submit(self, **fields):
        """The writer sends a reprint to 二审 (初审 → 终审)."""
        self.client.force_login(self.newsroom.writer)
        data = {"title": TITLE, "source": str(self.approved.pk), **ORIGINAL, **fields}
        response = self.client.post(
            add_url(self.newsroom.two_step),
            article_form_data(self.newsroom, action="action-submit", **data),
        )
        self.assertEqual(response.status_code, 302)
        return ArticlePage.objects.latest("pk")

    def approve(self, page, user=None, **changes):
        """Approve in the editor. querydict_from_html reads a ticked checkbox
        without a value attribute as "", where a browser sends "on"."""
        self.client.force_login(user or self.newsroom.editor)
        return approve_in_editor(self.client, page, is_reprint="on", **changes)


class ReprintFormTests(ReprintTestCase):
    def post_draft(self, **fields):
        self.client.force_login(self.newsroom.writer)
        return self.client.post(
            add_url(self.newsroom.two_step),
            article_form_data(self.newsroom, action="action-save-draft", **fields),
        )

    def test_a_reprint_needs_the_original_and_an_outlet(self):
        response = self.post_draft(is_reprint="on")
        self.assertEqual(response.status_code, 200)
        errors = form_errors(response)
        for name, message in REPRINT_REQUIRED.items():
            self.assertEqual(errors[name], [message])
        self.assertEqual(errors["source"], ["转载稿须选择来源(原发媒体)。"])

    def test_the_outlet_may_not_be_this_site(self):
        own = self.newsroom.source
        response = self.post_draft(source=str(own.pk), **ORIGINAL)
        errors = form_errors(response)
        self.assertEqual(errors["source"], [REPRINT_SOURCE_IS_OWN.format(source=own)])

    def test_an_original_piece_needs_none_of_it(self):
        response = self.post_draft()
        self.assertEqual(response.status_code, 302)

    def test_a_complete_reprint_is_saved(self):
        response = self.post_draft(source=str(self.unapproved.pk), **ORIGINAL)
        self.assertEqual(response.status_code, 302)  # drafts may be anything
        page = ArticlePage.objects.latest("pk").get_latest_revision_as_object()
        self.assertTrue(page.is_reprint)
        self.assertEqual(page.original_author, "岳明川")

    def test_only_reviewers_see_the_title_confirmation(self):
        for username, shown in (("writer", False), ("editor", True), ("chief", True)):
            with self.subTest(username=username):
                self.client.force_login(self.newsroom.users[username])
                html = self.client.get(add_url(self.newsroom.two_step)).content
                self.assertEqual(b'name="reprint_title_confirmed"' in html, shown)


class ReprintApprovalTests(ReprintTestCase):
    def test_a_reprint_from_an_approved_outlet_with_its_own_title_passes(self):
        page = self.submit()
        self.assertEqual(self.approve(page).status_code, 302)
        self.assertEqual(task_state_of(page).task.name, "终审")

    def test_an_outlet_off_the_approved_list_is_refused(self):
        # Submitting is refused, next to the source field.
        self.client.force_login(self.newsroom.writer)
        data = {"title": TITLE, "source": str(self.unapproved.pk), **ORIGINAL}
        response = self.client.post(
            add_url(self.newsroom.two_step),
            article_form_data(self.newsroom, action="action-submit", **data),
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(any(NOT_APPROVED in e for e in form_errors(response)["source"]))
        # A piece in review from that outlet (put there another way, or the
        # outlet taken off the list since) cannot be approved either.
        response = self.client.post(
            add_url(self.newsroom.two_step),
            article_form_data(self.newsroom, action="action-save-draft", **data),
        )
        page = ArticlePage.objects.latest("pk")
        page.get_workflow().start(page, self.newsroom.writer)
        response = self.approve(page)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(any(NOT_APPROVED in e for e in form_errors(response)["source"]))
        # The same without the editor: the task refuses it.
        self.client.force_login(self.newsroom.editor)
        self.client.post(workflow_action_url(page, "approve"))
        self.assertEqual(task_state_of(page).task.name, "初审")
        # Once the outlet is on the list, it passes.
        self.unapproved.approved_for_reprint = True
        self.unapproved.save()
        self.assertEqual(self.approve(page).status_code, 302)

    def test_a_changed_title_needs_the_approvers_confirmation(self):
        page = self.submit(title="留住城市的烟火气")
        response = self.approve(page)
        self.assertEqual(response.status_code, 200)
        errors = form_errors(response)["reprint_title_confirmed"]
        self.assertTrue(any(UNCONFIRMED in error for error in errors))
        self.client.post(workflow_action_url(page, "approve"))
        self.assertEqual(task_state_of(page).task.name, "初审")

        response = self.approve(page, reprint_title_confirmed="on")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(task_state_of(page).task.name, "终审")
        # The confirmation is in the revision, so the next step needs no more.
        self.client.force_login(self.newsroom.chief)
        self.client.post(workflow_action_url(page, "approve"))
        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_a_writer_cannot_confirm_and_a_new_title_needs_a_new_confirmation(self):
        page = self.submit(title="留住城市的烟火气", reprint_title_confirmed="on")
        self.assertFalse(latest(page).reprint_title_confirmed)

        self.approve(page, reprint_title_confirmed="on")
        self.assertTrue(latest(page).reprint_title_confirmed)
        # Sent back, the writer changes the title again: no longer confirmed.
        task_state = task_state_of(page)
        task_state.task.specific.on_action(
            task_state, self.newsroom.chief, "reject", comment="标题再斟酌"
        )
        self.client.force_login(self.newsroom.writer)
        html = self.client.get(edit_url(page)).content.decode()
        data = edit_form_data(
            html, action="action-save-draft", title="烟火气里的城市", is_reprint="on"
        )
        self.assertEqual(self.client.post(edit_url(page), data).status_code, 302)
        revision = latest(page)
        self.assertEqual(revision.title, "烟火气里的城市")
        self.assertFalse(revision.reprint_title_confirmed)


class ReprintPageTests(ReprintTestCase):
    def reprint(self, **fields):
        import datetime as dt

        values = {
            "is_reprint": True,
            "source": self.approved,
            "original_title": TITLE,
            "original_author": "岳明川",
            "original_url": ORIGINAL["original_url"],
            "original_published_at": dt.datetime(2026, 11, 1, 0, 30, tzinfo=dt.UTC),
            **fields,
        }
        return ArticlePageFactory(parent=self.newsroom.two_step, **values)

    def json_ld(self, response) -> dict:
        for script in soup_of(response).select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            if data["@type"] == "OpinionNewsArticle":
                return data
        raise AssertionError("no OpinionNewsArticle")

    def test_the_page_names_the_original_near_the_source(self):
        page = self.reprint(title="留住城市的烟火气")
        soup = soup_of(self.client.get(page.url))
        line = one(soup, ".article__meta .article__reprint")
        self.assertEqual(
            text_of(line),
            f"转载自岚江都市报，原标题《{TITLE}》（作者 岳明川，2026年11月01日 08:30）",
        )
        self.assertEqual(one(line, "a")["href"], ORIGINAL["original_url"])

    def test_json_ld_says_what_it_is_based_on(self):
        page = self.reprint()
        data = self.json_ld(self.client.get(page.url))
        self.assertEqual(
            data["isBasedOn"],
            {
                "@type": "CreativeWork",
                "name": TITLE,
                "author": {"@type": "Person", "name": "岳明川"},
                "url": ORIGINAL["original_url"],
                "datePublished": "2026-11-01T08:30:00+08:00",
                "publisher": {
                    "@type": "Organization",
                    "name": "岚江都市报",
                    "url": "https://lanjiang.example/",
                },
            },
        )

    def test_an_original_piece_shows_neither(self):
        page = ArticlePageFactory(parent=self.newsroom.two_step)
        response = self.client.get(page.url)
        self.assertEqual(soup_of(response).select(".article__reprint"), [])
        self.assertNotIn("isBasedOn", self.json_ld(response))

    def test_the_approved_list_is_kept_in_the_source_snippet(self):
        self.client.force_login(self.newsroom.chief)
        url = reverse("wagtailsnippets_articles_source:edit", args=(self.approved.pk,))
        self.assertContains(self.client.get(url), 'name="approved_for_reprint"')
