"""Staff actions on a published comment, on the record: 精选 (feature), 置顶
(pin), delete, and the decision on readers' reports. Hiding is the
lifecycle's `hide`.

Each needs a reason and is a step in the item's history (who, when, why),
which also writes the comment log (lifecycle.record); saving the item tells
the caches the article changed (feedback/signals.py), so every cache layer
drops the article, as for a hide. Who may: whoever may handle the item
(feedback/permissions.py: the column's editors, deputy and chief editors,
the feedback handlers)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import lifecycle
from feedback.models import Feedback, Kind, ReportOutcome, State

LABELS = {
    "feature": gettext_lazy("Feature"),
    "unfeature": gettext_lazy("Unfeature"),
    "pin": gettext_lazy("Pin to the top"),
    "unpin": gettext_lazy("Unpin"),
    "delete": gettext_lazy("Delete the comment"),
    "dismiss_reports": gettext_lazy("Keep: reports unfounded"),
    "confirm_hide": gettext_lazy("Keep hidden: reports upheld"),
}
DONE = {
    "feature": gettext_lazy("The comment is featured."),
    "unfeature": gettext_lazy("The comment is no longer featured."),
    "pin": gettext_lazy("The comment is pinned to the top."),
    "unpin": gettext_lazy("The comment is no longer pinned."),
    "delete": gettext_lazy("The comment is deleted."),
    "dismiss_reports": gettext_lazy("The reports are closed; the comment stays."),
    "confirm_hide": gettext_lazy("The reports are upheld; the comment stays hidden."),
}
FLAGS = {
    "feature": ("is_featured", True),
    "unfeature": ("is_featured", False),
    "pin": ("is_pinned", True),
    "unpin": ("is_pinned", False),
}


def _has_pending_reports(item: Feedback) -> bool:
    return item.reports.filter(outcome=ReportOutcome.PENDING).exists()


def allowed(item: Feedback) -> list[str]:
    """The actions that make sense for the item now, in button order.
    精选, 置顶 and delete are for comments; the decision on readers' reports
    for whatever was reported (a comment, a public complaint, or an official
    reply under either), while it is public or hidden."""
    actions = []
    if item.kind == Kind.COMMENT:
        if item.state == State.PUBLISHED:
            actions.append("unfeature" if item.is_featured else "feature")
            actions.append("unpin" if item.is_pinned else "pin")
        if item.state in (State.PUBLISHED, State.HIDDEN):
            actions.append("delete")
    if item.state not in (State.DELETED, State.SPAM) and _has_pending_reports(item):
        actions.append("dismiss_reports" if item.is_public else "confirm_hide")
    return actions


@lifecycle._step
def take(item: Feedback, action: str, user, reason: str) -> None:
    """Take one of the actions on a locked copy of the item."""
    if action not in allowed(item):
        raise lifecycle.TransitionNotAllowed(
            _("“%(action)s” is not possible for this item now.")
            % {"action": LABELS.get(action, action)}
        )
    reason = (reason or "").strip()
    if not reason:
        raise lifecycle.TransitionNotAllowed(
            _("Please give a reason: it is kept in the history.")
        )
    if action in FLAGS:
        field, value = FLAGS[action]
        setattr(item, field, value)
        lifecycle._stay(item, action, user=user, reason=reason)
    elif action == "delete":
        item.is_public = item.is_featured = item.is_pinned = False
        lifecycle._move(item, "delete", State.DELETED, user=user, reason=reason)
    else:  # a decision on reports: the item itself stays as it is
        lifecycle._note(item, action, user=user, reason=reason)


def admin_context(item: Feedback, can_handle: bool) -> dict:
    """What the handler's item view shows of the community: the readers'
    reports, the buttons, the commenter's credit page."""
    return {
        "community_buttons": [
            (name, LABELS[name]) for name in (allowed(item) if can_handle else [])
        ],
        "reports": list(item.reports.select_related("reply").order_by("-created_at")),
        "credit_url": reverse("readers_credit:credit", args=[item.reader_id])
        if item.reader_id
        else "",
    }
