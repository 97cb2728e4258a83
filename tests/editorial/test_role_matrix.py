"""What each role may do, tried as real requests for every role. The role
table in docs/editorial.md is checked against this matrix, so it cannot
drift: when a permission changes, this test and the table change together."""

import re
from pathlib import Path

from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, Site, Workflow

from articles.models import ArticlePage, Withdrawal
from articles.withdrawal_admin import URL_NAME as WITHDRAWAL_URL
from corrections.models import Correction
from editorial import roles
from editorial.workflows import THREE_STEP
from feedback import lifecycle
from feedback.models import CommentSwitch, Feedback, Kind, State
from readers import standing
from readers.models import Reader, Standing
from tests.articles.factories import ArticlePageFactory
from tests.feedback.factories import FeedbackFactory
from tests.readers.factories import ReaderFactory

from .newsroom import add_url, article_form_data, build_newsroom, edit_url

ROLE_TABLE_DOC = Path(__file__).resolve().parents[2] / "docs" / "editorial.md"
TABLE_START, TABLE_END = "<!-- role-table:start -->", "<!-- role-table:end -->"
YES, NO = {"✓", "✔"}, {"—", "–", "-", ""}

W, E, D, C, F, S = (
    roles.WRITERS,
    roles.EDITORS,
    roles.DEPUTY_CHIEFS,
    roles.CHIEF_EDITORS,
    roles.FEEDBACK_HANDLERS,
    roles.SITE_ADMINS,
)
ROLES = [W, E, D, C, F, S]
USERNAMES = {
    W: "writer",
    E: "editor",
    D: "deputy",
    C: "chief",
    F: "feedback",
    S: "siteadmin",
}

# capability (as docs/editorial.md says it), the probe that tries it, who may.
MATRIX = [
    ("进入管理后台", "enter_admin", {W, E, D, C, F, S}),
    ("在所属栏目写稿、存草稿、提交审核", "submit_piece", {W, E, D, C}),
    ("修改所属栏目里别人的稿件", "edit_colleagues_piece", {E, D, C}),
    ("修改其他栏目的稿件", "edit_other_column", {D, C}),
    ("锁定稿件", "lock_piece", {E, D, C}),
    ("初审:通过或退回", "first_review", {E}),
    ("复审:通过或退回", "second_review", {D}),
    ("终审:通过即发布(或按定时发布)", "final_review", {C}),
    ("不经审核直接发布、撤下已发布稿件", "publish_and_unpublish", {C}),
    ("删除已发布稿件", "delete_published", {C}),
    ("移动稿件", "move_piece", {C}),
    ("撤稿(原网址只留撤稿说明)", "retract_piece", {D, C}),
    ("下线(原网址显示页面不存在,如应法律要求)", "take_down_piece", {D, C}),
    ("恢复已撤稿或下线的稿件", "restore_piece", {C}),
    ("手动指定责任编辑", "choose_responsible_editor", {E, D, C}),
    ("起草更正、追记", "draft_correction", {W, E, D, C}),
    ("审核通过更正、追记(默认为初审角色)", "approve_correction", {E}),
    (
        "处理读者反馈(编辑以上:所属栏目的;反馈处理员:全部)",
        "handle_feedback",
        {E, D, C, F},
    ),
    ("关闭或重开所属栏目一篇文章的评论", "switch_article_comments", {E, D, C}),
    ("关闭或重开一个栏目的评论", "switch_column_comments", {D, C}),
    ("一键关闭或重开全站评论(紧急开关)", "switch_site_comments", {C}),
    (
        "精选、置顶读者评论(编辑以上:所属栏目的;反馈处理员:全部)",
        "feature_comment",
        {E, D, C, F},
    ),
    (
        "隐藏、删除读者评论(编辑以上:所属栏目的;反馈处理员:全部)",
        "delete_comment",
        {E, D, C, F},
    ),
    ("警告、限制、禁言评论者,设为信用良好", "sanction_commenter", {C, F}),
    ("封禁评论者(手机号列入黑名单)", "ban_commenter", {C, F}),
    ("解除封禁", "lift_ban", {S}),
    ("查看、导出跟帖评论操作日志(含完整 IP)", "read_comment_log", {S}),
    ("维护敏感词表", "edit_terms", {C, S}),
    ("管理用户、用户组(含栏目成员)", "manage_users", {S}),
    ("修改站点设置", "edit_site_settings", {S}),
    ("设置审核流程并指派给栏目", "manage_workflows", {S}),
]


def markdown_table() -> str:
    lines = [
        "| 可以做的事 | " + " | ".join(ROLES) + " |",
        "|---|" + "|".join(":-:" for _ in ROLES) + "|",
    ]
    for capability, _probe, allowed in MATRIX:
        cells = " | ".join("✓" if role in allowed else "—" for role in ROLES)
        lines.append(f"| {capability} | {cells} |")
    return "\n".join(lines)


def cells(line: str) -> list[str]:
    """The cells of one Markdown table row, outer pipes optional."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [cell.strip() for cell in line.split("|")]


def documented_table() -> tuple[list[str], dict[str, set[str]]]:
    """The role table in docs/editorial.md, between its markers: the role
    columns, and for each capability the roles marked ✓. Spacing, alignment
    and outer pipes do not matter; an unreadable cell or row is an error."""
    text = ROLE_TABLE_DOC.read_text(encoding="utf-8")
    match = re.search(
        re.escape(TABLE_START) + r"(.*?)" + re.escape(TABLE_END), text, re.S
    )
    if not match:
        raise AssertionError(
            f"{ROLE_TABLE_DOC.name} has no role table between {TABLE_START} "
            f"and {TABLE_END}"
        )
    lines = [line for line in match.group(1).splitlines() if line.strip()]
    if len(lines) < 2:
        raise AssertionError("the role table has no header or no rows")
    header, separator, *rows = lines
    if not all(re.fullmatch(r":?-+:?", cell) for cell in cells(separator)):
        raise AssertionError(f"not a table separator row: {separator!r}")
    roles_in_doc = cells(header)[1:]
    table = {}
    for row in rows:
        capability, *marks = cells(row)
        if len(marks) != len(roles_in_doc):
            raise AssertionError(f"row has {len(marks)} role cells: {row!r}")
        if capability in table:
            raise AssertionError(f"capability listed twice: {capability}")
        allowed = set()
        for role, mark in zip(roles_in_doc, marks, strict=True):
            if mark in YES:
                allowed.add(role)
            elif mark not in NO:
                raise AssertionError(f"cell {mark!r} is neither ✓ nor —: {row!r}")
        table[capability] = allowed
    return roles_in_doc, table


class Rollback(Exception):
    pass


class RoleMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        column = newsroom.three_step
        bylines = [("记者", newsroom.author)]
        cls.colleagues_piece = ArticlePageFactory(parent=column, bylines=bylines)
        cls.other_column_piece = ArticlePageFactory(
            parent=newsroom.other, bylines=bylines
        )
        cls.draft = ArticlePageFactory(parent=column, bylines=bylines, live=False)
        cls.withdrawn = ArticlePageFactory(parent=column, bylines=bylines)
        ArticlePage.objects.filter(pk=cls.withdrawn.pk).update(
            withdrawal=Withdrawal.TAKEN_DOWN, withdrawal_reason="法院来函"
        )
        cls.correction = Correction.objects.create(
            article=cls.colleagues_piece, text="第二段的日期应为11月27日。"
        )
        cls.comment = FeedbackFactory(
            article=cls.colleagues_piece, kind=Kind.COMMENT, message="说得好"
        )
        lifecycle.publish(cls.comment, newsroom.feedback)
        cls.commenter = ReaderFactory()
        cls.banned = ReaderFactory()
        standing.apply(cls.banned, "ban", user=newsroom.chief, reason="违法信息")
        three_step = Workflow.objects.get(name=THREE_STEP)
        cls.in_review = {}
        for approvals, step in enumerate(("初审", "复审", "终审")):
            page = ArticlePageFactory(
                parent=column, bylines=bylines, live=False, owner=newsroom.writer
            )
            page.save_revision(user=newsroom.writer)
            state = three_step.start(page, newsroom.writer)
            for reviewer in (newsroom.editor, newsroom.deputy)[:approvals]:
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, reviewer, "approve")
                state.refresh_from_db()
            cls.in_review[step] = page

    def test_documented_role_table_matches_the_tested_matrix(self):
        expected = markdown_table()
        hint = (
            f"docs/editorial.md's role table must read, between {TABLE_START} "
            f"and {TABLE_END}:\n\n{expected}\n"
        )
        roles_in_doc, table = documented_table()
        self.assertEqual(roles_in_doc, [str(role) for role in ROLES], hint)
        # Every documented row is a probed capability and every probe is
        # documented, in the same order, with the same roles allowed.
        self.assertEqual(list(table), [capability for capability, _, _ in MATRIX], hint)
        for capability, _probe, allowed in MATRIX:
            with self.subTest(capability=capability):
                self.assertEqual(
                    table[capability], {str(role) for role in allowed}, hint
                )

    def test_every_role_may_do_exactly_what_the_matrix_says(self):
        for capability, probe, allowed in MATRIX:
            for role in ROLES:
                with self.subTest(capability=capability, role=role):
                    self.client.force_login(self.newsroom.users[USERNAMES[role]])
                    self.assertEqual(self.attempt(probe), role in allowed)

    def attempt(self, probe: str) -> bool:
        """Run a probe and undo whatever it changed."""
        result = None
        try:
            with transaction.atomic():
                result = getattr(self, f"may_{probe}")()
                raise Rollback
        except Rollback:
            pass
        self.client.logout()
        return result

    @staticmethod
    def reload(page):
        return Page.objects.filter(pk=page.pk).specific().first()

    def ok(self, url) -> bool:
        return self.client.get(url).status_code == 200

    # The probes: each tries one thing and reports whether it happened.
    def may_enter_admin(self):
        return self.ok(reverse("wagtailadmin_home"))

    def may_submit_piece(self):
        column = self.newsroom.three_step
        self.client.post(
            add_url(column),
            article_form_data(self.newsroom, action="action-submit", title="试投稿"),
        )
        page = ArticlePage.objects.child_of(column).filter(title="试投稿").first()
        return bool(page and page.current_workflow_state)

    def may_edit_colleagues_piece(self):
        return self.ok(edit_url(self.colleagues_piece))

    def may_edit_other_column(self):
        return self.ok(edit_url(self.other_column_piece))

    def may_lock_piece(self):
        page = self.colleagues_piece
        self.client.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
        return self.reload(page).locked

    def review(self, step):
        page = self.in_review[step]
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        )
        self.client.post(url)
        task_state.refresh_from_db()
        return task_state.status == task_state.STATUS_APPROVED

    def may_first_review(self):
        return self.review("初审")

    def may_second_review(self):
        return self.review("复审")

    def may_final_review(self):
        return self.review("终审") and self.reload(self.in_review["终审"]).live

    def may_publish_and_unpublish(self):
        draft, live = self.draft, self.colleagues_piece
        self.client.post(
            edit_url(draft),
            article_form_data(self.newsroom, action="action-publish", slug=draft.slug),
        )
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=(live.pk,)))
        published, unpublished = self.reload(draft).live, not self.reload(live).live
        self.assertEqual(published, unpublished, "publish and unpublish go together")
        return published

    def may_delete_published(self):
        page = self.colleagues_piece
        self.client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
        return self.reload(page) is None

    def may_move_piece(self):
        page, destination = self.colleagues_piece, self.newsroom.two_step
        self.client.post(
            reverse("wagtailadmin_pages:move_confirm", args=(page.pk, destination.pk))
        )
        return self.reload(page).get_parent().pk == destination.pk

    def withdrawal_action(self, page, action) -> str:
        self.client.post(
            reverse(WITHDRAWAL_URL, args=(page.pk, action)), {"reason": "试一试"}
        )
        return self.reload(page).withdrawal

    def may_retract_piece(self):
        page = self.colleagues_piece
        return self.withdrawal_action(page, "retract") == Withdrawal.RETRACTED

    def may_take_down_piece(self):
        page = self.colleagues_piece
        return self.withdrawal_action(page, "take_down") == Withdrawal.TAKEN_DOWN

    def may_restore_piece(self):
        return self.withdrawal_action(self.withdrawn, "restore") == Withdrawal.NONE

    def may_choose_responsible_editor(self):
        response = self.client.get(add_url(self.newsroom.three_step))
        return 'name="responsible_editor"' in response.content.decode()

    def may_draft_correction(self):
        page = self.colleagues_piece
        self.client.post(
            reverse("wagtailsnippets_corrections_correction:add"),
            {"article": page.pk, "kind": "correction", "text": "试起草的更正"},
        )
        return Correction.objects.filter(article=page, text="试起草的更正").exists()

    def may_approve_correction(self):
        self.client.post(
            reverse(
                "wagtailsnippets_corrections_correction:approve",
                args=(self.correction.pk,),
            )
        )
        self.correction.refresh_from_db()
        return self.correction.is_public

    def may_handle_feedback(self):
        return self.ok(reverse("wagtailsnippets_feedback_feedback:list"))

    def switch(self, url) -> None:
        self.client.post(url, {"action": "close", "notice": ""})

    def may_switch_article_comments(self):
        page = self.colleagues_piece
        self.switch(reverse("feedback_switches:page", args=("article", page.pk)))
        return CommentSwitch.objects.filter(page=page, closed=True).exists()

    def may_switch_column_comments(self):
        column = self.newsroom.three_step
        self.switch(reverse("feedback_switches:page", args=("column", column.pk)))
        return CommentSwitch.objects.filter(page=column, closed=True).exists()

    def may_switch_site_comments(self):
        self.switch(reverse("feedback_switches:index"))
        return CommentSwitch.objects.filter(scope="site", closed=True).exists()

    def comment_action(self, action) -> Feedback:
        self.client.post(
            reverse("wagtailsnippets_feedback_feedback:edit", args=[self.comment.pk]),
            {"action": action, "reason": "试一试"},
        )
        return Feedback.objects.get(pk=self.comment.pk)

    def may_feature_comment(self):
        featured = self.comment_action("feature").is_featured
        pinned = self.comment_action("pin").is_pinned
        self.assertEqual(featured, pinned, "feature and pin go together")
        return featured

    def may_delete_comment(self):
        hidden = self.comment_action("hide").state == State.HIDDEN
        deleted = self.comment_action("delete").state == State.DELETED
        self.assertEqual(hidden, deleted, "hide and delete go together")
        return deleted

    def credit(self, reader, kind) -> str:
        self.client.post(
            reverse("readers_credit:credit", args=[reader.pk]),
            {"kind": kind, "reason": "试一试", "days": "3"},
        )
        return Reader.objects.get(pk=reader.pk).standing

    def may_sanction_commenter(self):
        return self.credit(self.commenter, "mute") == Standing.MUTED

    def may_ban_commenter(self):
        return self.credit(self.commenter, "ban") == Standing.BANNED

    def may_lift_ban(self):
        return self.credit(self.banned, "lift_ban") == Standing.NEW

    def may_read_comment_log(self):
        return self.ok(reverse("commentlog:index")) and self.ok(
            reverse("commentlog:export")
        )

    def may_edit_terms(self):
        return self.ok(reverse("wagtailsnippets_core_term:add"))

    def may_manage_users(self):
        return self.ok(reverse("wagtailusers_users:add")) and self.ok(
            reverse("wagtailusers_groups:add")
        )

    def may_edit_site_settings(self):
        site = Site.objects.get(is_default_site=True)
        return self.ok(
            reverse("wagtailsettings:edit", args=("core", "sitesettings", site.pk))
        )

    def may_manage_workflows(self):
        return self.ok(reverse("wagtailadmin_workflows:add"))
