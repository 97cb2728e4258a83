"""The editor's desk on the admin dashboard: sent back to me (with the
reviewer's comment), waiting for my review, my pieces in review (their step,
who can act, since when, the reviewers' comments), my drafts, scheduled,
recently published. Open inline comments (Wagtail's commenting on drafts)
are shown with the writer's pieces in review and sent back.

Each section is one or two queries whatever the number of pieces; the review
sections ask each active workflow task (a handful) and each column once."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.components import Component
from wagtail.models import Comment, Page, Revision, TaskState, WorkflowState
from wagtail.models.pages import get_default_page_content_type

from articles.models import ArticlePage, ColumnPage
from core import coverage
from core.people import display_name

LIMIT = 10


def desk_(message):
    return pgettext_lazy("editors desk", message)


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


def open_comments(page_ids) -> dict[int, list]:
    """Unresolved inline comments of the pages, oldest first, by page id."""
    comments = defaultdict(list)
    for comment in (
        Comment.objects.filter(page_id__in=page_ids, resolved_at__isnull=True)
        .select_related("user")
        .order_by("created_at")
    ):
        comments[comment.page_id].append(
            {"author": display_name(comment.user), "text": comment.text}
        )
    return comments


def owned_page_ids_as_text(user):
    return (
        Page.objects.filter(owner=user)
        .annotate(id_text=Cast("pk", output_field=CharField()))
        .values("id_text")
    )


class Reviewers:
    """Who can act on a piece at its current step, asked once per step and
    column (pieces of a column share their reviewers)."""

    def __init__(self):
        self.known = {}
        self.tasks = {}

    def names(self, task, page) -> list[str]:
        if task.pk not in self.tasks:
            self.tasks[task.pk] = task.specific
        task = self.tasks[task.pk]
        key = (task.pk, page.path[: -page.steplen])
        if key not in self.known:
            if hasattr(task, "reviewers"):
                people = task.reviewers(page)
            else:
                people = (
                    get_user_model()
                    .objects.filter(is_active=True, groups__in=task.groups.all())
                    .distinct()
                )
            self.known[key] = sorted(display_name(person) for person in people)
        return self.known[key]


def in_review_of(user):
    """The user's pieces now in a review step, the longest waiting first."""
    states = list(
        WorkflowState.objects.active()
        .filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=get_default_page_content_type(),
        )
        .filter(Q(requested_by=user) | Q(object_id__in=owned_page_ids_as_text(user)))
        .select_related("current_task_state__task")
        .order_by("current_task_state__started_at")[:LIMIT]
    )
    pages = _pages_by_id(states)
    comments = open_comments(pages)
    notes = reviewer_notes(states)
    reviewers = Reviewers()
    items = []
    for state in states:
        page = pages.get(int(state.object_id))
        if page is None or state.current_task_state is None:
            continue
        items.append(
            {
                "page": page,
                "task_state": state.current_task_state,
                "reviewers": reviewers.names(state.current_task_state.task, page),
                "notes": notes.get(state.pk, []),
                "comments": comments.get(page.pk, []),
            }
        )
    return items


def reviewer_notes(states) -> dict[int, list]:
    """Comments left with approvals at earlier steps (通过并附意见)."""
    notes = defaultdict(list)
    for task_state in (
        TaskState.objects.filter(
            workflow_state__in=[state.pk for state in states],
            status=TaskState.STATUS_APPROVED,
        )
        .exclude(comment="")
        .select_related("task", "finished_by")
        .order_by("finished_at")
    ):
        notes[task_state.workflow_state_id].append(
            {
                "step": task_state.task.name,
                "author": display_name(task_state.finished_by),
                "text": task_state.comment,
            }
        )
    return notes


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
    owned = owned_page_ids_as_text(user)
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
    comments = open_comments(pages)
    return [
        {
            "page": pages[int(state.object_id)],
            "task_state": state.current_task_state,
            "reviewer": display_name(state.current_task_state.finished_by),
            "comments": comments.get(int(state.object_id), []),
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
    turnaround = turnaround_by_column(pages.values())
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        hours = turnaround.get(page.path[: -page.steplen])
        due = state.started_at + dt.timedelta(hours=hours) if hours else None
        items.append(
            {
                "page": page,
                "task_state": state,
                "submitter": display_name(state.workflow_state.requested_by),
                "due": due,
                "overdue": bool(due and due < timezone.now()),
            }
        )
    return items


def turnaround_by_column(pages) -> dict[str, int]:
    """{column path: review turnaround in hours} of the pages' columns that
    set one, in one query."""
    paths = {page.path[: -page.steplen] for page in pages}
    return dict(
        ColumnPage.objects.filter(
            path__in=paths, review_turnaround_hours__isnull=False
        ).values_list("path", "review_turnaround_hours")
    )


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
            desk_("Sent back to me"),
            (
                desk_("Sent back at step"),
                desk_("Requested changes"),
                desk_("Sent back"),
            ),
            sent_back_to(user),
            "editorial/dashboard/desk_rows/_sent_back.html",
        ),
        DeskSection(
            "to-review",
            desk_("Waiting for my review"),
            (
                desk_("Review step"),
                desk_("Submitted by"),
                desk_("Arrived"),
                desk_("Due by"),
            ),
            waiting_for_review_by(user),
            "editorial/dashboard/desk_rows/_to_review.html",
        ),
        DeskSection(
            "in-review",
            desk_("In review"),
            (
                desk_("Current step"),
                desk_("Can act"),
                desk_("Since"),
                desk_("Reviewers' comments"),
            ),
            in_review_of(user),
            "editorial/dashboard/desk_rows/_in_review.html",
        ),
        DeskSection(
            "drafts",
            desk_("My drafts"),
            (desk_("Status"), desk_("Last edited")),
            my_drafts(user),
            "editorial/dashboard/desk_rows/_drafts.html",
        ),
        DeskSection(
            "scheduled",
            desk_("Scheduled"),
            (desk_("Goes live"),),
            scheduled_for(user),
            "editorial/dashboard/desk_rows/_scheduled.html",
        ),
        DeskSection(
            "published",
            desk_("Recently published"),
            (desk_("Responsible editor"), desk_("Published")),
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
