"""What a review action did, said in one message: "已退回撰稿人林晓雨修改",
"复审已通过，进入终审", "已发布", "已排期：12月3日 09:12".

The review task notes the outcome when it acts (ReviewTask.on_action); this
middleware turns the notes into messages for the person who acted, whichever
view sent the action (the editor's buttons, or the workflow action modal),
and drops Wagtail's generic "Page '…' has been updated." that would say
nothing more."""

from contextvars import ContextVar

from django.contrib import messages
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext
from wagtail.models import WorkflowState

from core.people import display_name

OUTCOMES: ContextVar[list | None] = ContextVar("review_outcomes", default=None)


def collecting() -> bool:
    """Whether a request is running that will show the outcomes (not a
    script, the scheduler or a test calling the task directly)."""
    return OUTCOMES.get() is not None


def note(message: str | None) -> None:
    outcomes = OUTCOMES.get()
    if outcomes is not None and message:
        outcomes.append(message)


def describe(task_state, action_name: str) -> str | None:
    """The outcome of `action_name` just taken on `task_state`."""
    state = WorkflowState.objects.select_related(
        "requested_by", "current_task_state__task"
    ).get(pk=task_state.workflow_state_id)
    if action_name == "reject":
        return pgettext(
            "review outcome", "Sent back to the writer %(name)s for changes"
        ) % {"name": display_name(state.requested_by)}
    if action_name != "approve":
        return None
    step = task_state.task.name
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return pgettext("review outcome", "%(step)s approved, on to %(next)s") % {
            "step": step,
            "next": state.current_task_state.task.name,
        }
    if state.status == WorkflowState.STATUS_APPROVED:
        # Wagtail publishes (or schedules) the latest revision at the end.
        revision = state.content_object.get_latest_revision()
        if revision and revision.approved_go_live_at:
            when = formats.date_format(
                timezone.localtime(revision.approved_go_live_at),
                pgettext("review outcome", "M j, H:i"),
            )
            return pgettext("review outcome", "Scheduled: %(when)s") % {"when": when}
        return pgettext("review outcome", "Published")
    return None


def generic_message_prefixes() -> list[str]:
    """The start of Wagtail's own message that an outcome replaces (the
    part before the page title), in the language now active."""
    return [gettext("Page '%(page_title)s' has been updated.").split("%(")[0]]


class ReviewOutcomeMiddleware:
    """Collects the outcomes noted while a request runs and shows them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = OUTCOMES.set([])
        try:
            response = self.get_response(request)
            outcomes = OUTCOMES.get()
        finally:
            OUTCOMES.reset(token)
        if outcomes:
            replace_generic_messages(request, outcomes)
        return response


def replace_generic_messages(request, outcomes) -> None:
    storage = messages.get_messages(request)
    # Django keeps the messages added in this request in _queued_messages
    # until the response is processed; the generic "updated" one goes.
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:
        prefixes = generic_message_prefixes()
        queued[:] = [
            message
            for message in queued
            if not any(str(message.message).startswith(p) for p in prefixes)
        ]
    for outcome in outcomes:
        messages.success(request, outcome)
