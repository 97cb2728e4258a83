"""The reader-feedback panel of the admin dashboard: how many items wait to
be accepted, are overdue, or await a reply, each linked to the feedback
list filtered to them. Shown to whoever handles feedback (反馈处理员, and
editors for their columns); three counts in one query."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.components import Component

from feedback.models import Feedback
from feedback.models.feedback import ANSWERED_KINDS, OPEN_STATES, State
from feedback.permissions import columns_edited_by, sees_all_feedback


@dataclass(frozen=True)
class QueueCount:
    key: str
    label: str
    count: int
    url: str


def handles_feedback(user) -> bool:
    return sees_all_feedback(user) or columns_edited_by(user).exists()


def queue_counts(user) -> list[QueueCount]:
    now = timezone.now()
    overdue = Q(state=State.SUBMITTED, kind__in=ANSWERED_KINDS, accept_due__lt=now) | Q(
        state__in=OPEN_STATES, reply_due__lt=now
    )
    counts = Feedback.objects.visible_to(user).aggregate(
        pending=Count("pk", filter=Q(state=State.SUBMITTED)),
        overdue=Count("pk", filter=overdue),
        awaiting_reply=Count("pk", filter=Q(state__in=OPEN_STATES)),
    )
    listing = reverse(Feedback.snippet_viewset.get_url_name("list"))

    def url(**filters):
        return f"{listing}?{urlencode(filters, doseq=True)}"

    return [
        QueueCount(
            "pending",
            pgettext_lazy("feedback dashboard", "Waiting to be accepted"),
            counts["pending"],
            url(state=[State.SUBMITTED]),
        ),
        QueueCount(
            "overdue",
            pgettext_lazy("feedback dashboard", "Overdue"),
            counts["overdue"],
            url(overdue="yes"),
        ),
        QueueCount(
            "awaiting-reply",
            pgettext_lazy("feedback dashboard", "Awaiting a reply"),
            counts["awaiting_reply"],
            url(state=list(OPEN_STATES)),
        ),
    ]


class FeedbackQueuePanel(Component):
    name = "feedback_queue"
    template_name = "feedback/admin/_dashboard_queue.html"
    order = 40  # before the editor's desk

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"counts": queue_counts(request.user)}
