"""The pre-approval check blocks every approval, with a message that says
exactly what is missing, whichever way the approval is sent."""

from django.core import mail
from django.test import TestCase
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text, streamfield

from articles.models import ArticlePage
from core.models import SiteSettings, Term
from editorial.checks import problems_for_page

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


def form_errors(response) -> list[str]:
    """Every message on the form: its fields (a stream's own messages and
    its blocks'), and the 署名 panel (the bylines formset)."""
    form = response.context["form"]
    messages = []
    for errors in form.errors.as_data().values():
        for error in errors:
            if isinstance(error, StreamBlockValidationError):
                messages += [str(e.message) for e in error.non_block_errors.as_data()]
                messages += [str(e.message) for e in error.block_errors.values()]
            else:
                messages += error.messages
    bylines = form.formsets.get("bylines")
    return messages + (list(bylines.non_form_errors()) if bylines else [])


class PreflightTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()
        Term.objects.create(text="无码专区", level=Term.Level.BLOCKED)
        Term.objects.create(text="网上赌场", level=Term.Level.BLOCKED)
        Term.objects.create(text="加微信", level=Term.Level.SUSPECT)

    def submit(self, column=None, **fields):
        """A piece in 初审 however it got there: saved as a draft, then put
        into its column's chain (the form's submit would check it first)."""
        self.client.force_login(self.newsroom.writer)
        self.client.post(
            add_url(column or self.newsroom.three_step),
            article_form_data(self.newsroom, **fields),
        )
        page = ArticlePage.objects.latest("pk")
        page.get_workflow().start(page, self.newsroom.writer)
        return page

    def approve_in_editor(self, page, **changes):
        self.client.force_login(self.newsroom.editor)
        return approve_in_editor(self.client, page, **changes)

    def assertBlocked(self, response, page, *messages):
        self.assertEqual(response.status_code, 200)  # the editor, with errors
        errors = form_errors(response)
        for message in messages:
            self.assertTrue(any(message in error for error in errors), errors)
        self.assertEqual(task_state_of(page).task.name, "初审")


class PreflightInTheEditorTests(PreflightTestCase):
    def test_complete_article_passes(self):
        page = self.submit()
        self.assertEqual(problems_for_page(page.get_latest_revision_as_object()), [])
        response = self.approve_in_editor(page)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(task_state_of(page).task.name, "复审")

    def test_article_without_a_byline_cannot_be_approved(self):
        page = self.submit(bylines=False)
        response = self.approve_in_editor(page)
        self.assertBlocked(response, page, "缺少署名:请至少添加一位作者。")

    def test_article_without_source_or_site_default_cannot_be_approved(self):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.default_source = None
        site_settings.save()
        page = self.submit()
        response = self.approve_in_editor(page)
        self.assertBlocked(response, page, "缺少来源")

        # Choosing a source in the same edit lets the approval through.
        response = self.approve_in_editor(page, source=str(self.newsroom.source.pk))
        self.assertEqual(response.status_code, 302)

    def test_disclaimer_comes_from_the_article_or_its_column(self):
        column = self.newsroom.three_step
        column.default_disclaimer = ""
        column.save_revision().publish()
        page = self.submit()
        response = self.approve_in_editor(page)
        self.assertBlocked(
            response, page, "缺少免责声明", "或在栏目「青岚时评」里设置默认免责声明"
        )
        response = self.approve_in_editor(page, disclaimer="文责自负。")
        self.assertEqual(response.status_code, 302)

    def test_blocked_terms_are_found_in_any_script_or_width_and_named(self):
        page = self.submit(
            title="论無碼專區之害",  # Traditional characters
            standfirst="无\u200b码专区",  # a zero-width space inside
        )
        body = [("paragraph", rich_text("<p>警惕網上賭場的引流，加微信也要小心。</p>"))]
        self.client.force_login(self.newsroom.editor)
        html = self.client.get(edit_url(page)).content.decode()
        response = self.client.post(
            edit_url(page),
            edit_form_data(
                html,
                action="action-workflow-action",
                body=body,
                **{"workflow-action-name": "approve"},
            ),
        )
        self.assertBlocked(
            response,
            page,
            "标题含有禁用词「无码专区」",
            "导语含有禁用词「无码专区」",
            "正文含有禁用词「网上赌场」",
        )
        # Suspect terms hold reader comments; they do not block articles.
        self.assertNotIn("加微信", " ".join(form_errors(response)))

    def test_all_problems_are_listed_together(self):
        Term.objects.create(text="违禁词", level=Term.Level.BLOCKED)
        column = self.newsroom.three_step
        column.default_disclaimer = ""
        column.save_revision().publish()
        page = self.submit(bylines=False, title="违禁词")
        response = self.approve_in_editor(page)
        self.assertBlocked(
            response, page, "缺少署名", "缺少免责声明", "标题含有禁用词「违禁词」"
        )


class PreflightForgedApprovalTests(PreflightTestCase):
    def test_approval_posted_to_the_workflow_action_url_is_refused(self):
        page = self.submit(bylines=False)
        self.client.force_login(self.newsroom.editor)
        mail.outbox.clear()
        response = self.client.post(workflow_action_url(page, "approve"))
        self.assertTrue(is_refused(response))
        response = self.client.post(
            workflow_action_url(page, "approve"),
            {"comment": "同意"},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(task_state_of(page).task.name, "初审")
        self.assertEqual(mail.outbox, [])  # nobody was told it moved on

    def test_the_check_runs_again_at_every_later_step(self):
        page = self.submit()
        self.approve_in_editor(page)
        # The writer's byline is lost in a later draft (an admin script, say).
        latest = page.get_latest_revision_as_object()
        latest.bylines = []
        latest.save_revision()
        self.client.force_login(self.newsroom.deputy)
        response = self.client.post(workflow_action_url(page, "approve"))
        self.assertTrue(is_refused(response))
        self.assertEqual(task_state_of(page).task.name, "复审")
        problems = problems_for_page(page.get_latest_revision_as_object())
        self.assertEqual([problem.field for problem in problems], ["bylines"])

    def test_chief_cannot_publish_directly_past_the_check(self):
        newsroom = self.newsroom
        self.client.force_login(newsroom.chief)
        url = add_url(newsroom.other)
        response = self.client.post(
            url, article_form_data(newsroom, action="action-publish", bylines=False)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("缺少署名:请至少添加一位作者。", form_errors(response))
        self.assertFalse(ArticlePage.objects.child_of(newsroom.other).exists())

        response = self.client.post(
            url, article_form_data(newsroom, action="action-publish")
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(ArticlePage.objects.child_of(newsroom.other).get().live)


class PreflightOnSubmissionTests(PreflightTestCase):
    """Submitting for review runs the same check; problems stop the
    submission, each next to its field or panel, and nothing typed is lost."""

    def post_new(self, **fields):
        self.client.force_login(self.newsroom.writer)
        return self.client.post(
            add_url(self.newsroom.three_step),
            article_form_data(self.newsroom, action="action-submit", **fields),
        )

    def test_a_complete_piece_is_submitted(self):
        response = self.post_new()
        self.assertEqual(response.status_code, 302)
        page = ArticlePage.objects.latest("pk")
        self.assertEqual(task_state_of(page).task.name, "初审")

    def test_a_piece_without_byline_is_not_submitted_and_the_panel_says_why(self):
        response = self.post_new(bylines=False, title="没有署名的稿子")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn(
            "缺少署名:请至少添加一位作者。", form.formsets["bylines"].non_form_errors()
        )
        self.assertEqual(form.data["title"], "没有署名的稿子")  # kept
        self.assertFalse(ArticlePage.objects.filter(title="没有署名的稿子").exists())
        self.assertContains(response, "缺少署名:请至少添加一位作者。")

    def test_a_blocked_term_is_shown_on_the_body_block_that_holds_it(self):
        body = streamfield(
            [
                ("paragraph", rich_text("<p>开门纳谏。</p>")),
                ("paragraph", rich_text("<p>警惕网上赌场的引流。</p>")),
            ]
        )
        response = self.post_new(body=body)
        self.assertEqual(response.status_code, 200)
        (error,) = response.context["form"].errors.as_data()["body"]
        self.assertEqual(list(error.block_errors), [1])
        self.assertIn("「网上赌场」", error.block_errors[1].message)
        # Marked where it stands, with the words around it.
        self.assertIn("警惕【网上赌场】的引流。", error.block_errors[1].message)
        self.assertTrue(
            any("正文含有禁用词「网上赌场」" in e for e in form_errors(response))
        )
        self.assertFalse(ArticlePage.objects.exists())

    def test_a_term_in_a_long_paragraph_is_marked_with_a_little_context(self):
        long = "前文" * 20 + "网上赌场" + "后文" * 20
        body = streamfield([("paragraph", rich_text(f"<p>{long}</p>"))])
        response = self.post_new(body=body)
        (error,) = response.context["form"].errors.as_data()["body"]
        self.assertIn(
            "：…前文前文前文前文前文前文【网上赌场】后文后文后文后文后文后文…",
            error.block_errors[0].message,
        )

    def test_a_sent_back_piece_is_checked_again_on_resubmission(self):
        page = self.submit()
        state = page.current_workflow_state
        task_state = state.current_task_state
        task_state.task.specific.on_action(
            task_state, self.newsroom.editor, "reject", comment="请补充来源"
        )
        self.client.force_login(self.newsroom.writer)
        html = self.client.get(edit_url(page)).content.decode()
        data = edit_form_data(html, action="action-submit", title="无码专区观察")
        response = self.client.post(edit_url(page), data)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            any("标题含有禁用词「无码专区」" in e for e in form_errors(response))
        )
        state.refresh_from_db()
        self.assertEqual(state.status, state.STATUS_NEEDS_CHANGES)
