"""The editor's desk on the admin dashboard: my drafts, sent back to me (with
the reviewer's comment), waiting for my review, scheduled, recently published.

Each section is one or two queries whatever the number of pieces; the review
section asks each active workflow task once (a handful of tasks)."""

from dataclasses import dataclass

from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.models.pages import get_default_page_content_type

from articles.models import ArticlePage
from core import coverage
from core.people import display_name

LIMIT = 10


def _page_id_text():
    return Cast(OuterRef("pk"), output_field=CharField())


def _pages_by_id(states) -> dict:
    return Page.objects.in_bulk([int(state.object_id) for state in states])


def editable_articles(user):
    """Articles in the columns the user covers, and the ones they own."""

    articles = ArticlePage.objects.all()
    covered = coverage.covered_pages_q(user)
    if covered is not None:
        articles = articles.filter(covered | Q(owner=user))
    return articles


def my_drafts(user):

    in_workflow = WorkflowState.objects.active().filter(object_id=_page_id_text())
    scheduled = Revision.page_revisions.filter(
        approved_go_live_at__isnull=False, object_id=_page_id_text()
    )
    return list(
        ArticlePage.objects.filter(owner=user)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .filter(~Exists(in_workflow), ~Exists(scheduled))
        .order_by("-latest_revision_created_at")[:LIMIT]
    )


def sent_back_to(user):
    owned = (
        Page.objects.filter(owner=user)
        .annotate(id_text=Cast("pk", output_field=CharField()))
        .values("id_text")
    )
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=get_default_page_content_type(),
        )
        .filter(Q(requested_by=user) | Q(object_id__in=owned))
        .select_related("current_task_state__task", "current_task_state__finished_by")
        .order_by("-current_task_state__finished_at")[:LIMIT]
    )
    pages = _pages_by_id(states)
    return [
        {
            "page": pages[int(state.object_id)],
            "task_state": state.current_task_state,
            "reviewer": display_name(state.current_task_state.finished_by),
        }
        for state in states
        if int(state.object_id) in pages
    ]


def waiting_for_review_by(user):
    states = list(
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=get_default_page_content_type())
        .select_related("task", "workflow_state__requested_by")
        .order_by("started_at")[:LIMIT]
    )
    pages = Page.objects.in_bulk(
        [int(state.workflow_state.object_id) for state in states]
    )
    return [
        {
            "page": pages[int(state.workflow_state.object_id)],
            "task_state": state,
            "submitter": display_name(state.workflow_state.requested_by),
        }
        for state in states
        if int(state.workflow_state.object_id) in pages
    ]


def scheduled_for(user):
    go_live = (
        Revision.page_revisions.filter(
            approved_go_live_at__isnull=False, object_id=_page_id_text()
        )
        .order_by("approved_go_live_at")
        .values("approved_go_live_at")[:1]
    )
    return list(
        editable_articles(user)
        .annotate(scheduled_at=Subquery(go_live))
        .filter(scheduled_at__isnull=False)
        .order_by("scheduled_at")[:LIMIT]
    )


def recently_published_for(user):
    return list(
        editable_articles(user)
        .live()
        .select_related("responsible_editor")
        .order_by("-last_published_at")[:LIMIT]
    )


@dataclass(frozen=True)
class DeskSection:
    """One table on the desk: a title column, then `columns`; `row_template`
    renders one of its `items` as a row."""

    key: str
    heading: str
    columns: tuple[str, ...]
    items: list
    row_template: str


def desk_sections(user) -> list[DeskSection]:
    """The desk's sections in the order shown; empty ones are left out."""
    sections = [
        DeskSection(
            "sent-back",
            "退回给我的稿件",
            ("退回步骤", "修改意见", "退回时间"),
            sent_back_to(user),
            "editorial/dashboard/desk_rows/_sent_back.html",
        ),
        DeskSection(
            "to-review",
            "等待我审核",
            ("审核步骤", "提交人", "送达时间"),
            waiting_for_review_by(user),
            "editorial/dashboard/desk_rows/_to_review.html",
        ),
        DeskSection(
            "drafts",
            "我的草稿",
            ("状态", "最后修改"),
            my_drafts(user),
            "editorial/dashboard/desk_rows/_drafts.html",
        ),
        DeskSection(
            "scheduled",
            "已排期待发布",
            ("定时发布",),
            scheduled_for(user),
            "editorial/dashboard/desk_rows/_scheduled.html",
        ),
        DeskSection(
            "published",
            "最近发布",
            ("责任编辑", "发布时间"),
            recently_published_for(user),
            "editorial/dashboard/desk_rows/_published.html",
        ),
    ]
    return [section for section in sections if section.items]


class EditorsDesk(Component):
    """The dashboard panel; replaces Wagtail's two workflow panels, whose
    content it shows with the send-back comments and column scope added."""

    name = "editors_desk"
    template_name = "editorial/dashboard/_desk.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"request": request, "sections": desk_sections(request.user)}
