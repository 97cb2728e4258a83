"""Reports (举报) of a published comment or of a reply under it.

- Categories: ReportCategory (违法违规, 网络暴力, 个人隐私, 色情低俗, 广告营销, 其他).
- A verified reader reports an item (or a reply) once and sees the outcome
  on their page (/feedback/mine/); anyone else's report is counted too.
- Reports from FEEDBACK_REPORT_HIDE_AFTER[0] different verified readers
  within FEEDBACK_REPORT_HIDE_AFTER[1] seconds hide the comment until staff
  review it ("auto_hide"; the article is purged like any hide).
- The outcome is the staff decision that follows (resolve_reports, called
  from the history: feedback/signals.py): deleted, hidden or kept. An
  official reply is shown, hidden and deleted with the item it answers, so
  a report of a reply takes the decision on that item (or "unfounded,
  kept"), and its reporter is told so in words about the reply.
Every report and outcome is in the item's history and the comment log."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commentlog import log as comment_log
from feedback import lifecycle
from feedback.models import (
    CommentReport,
    Feedback,
    FeedbackEvent,
    FeedbackReply,
    ReportCategory,
    ReportOutcome,
    State,
)

# Staff steps in an item's history that decide its pending reports.
OUTCOME_OF_STEP = {
    "delete": ReportOutcome.DELETED,
    "spam": ReportOutcome.DELETED,
    "hide": ReportOutcome.HIDDEN,
    "confirm_hide": ReportOutcome.HIDDEN,
    "publish": ReportOutcome.KEPT,
    "dismiss_reports": ReportOutcome.KEPT,
}


# What the reporter of an official reply is told (a comment's reporter:
# ReportOutcome's labels). The reply goes with the message it answers.
REPLY_OUTCOMES = {
    ReportOutcome.PENDING: ReportOutcome.PENDING.label,
    ReportOutcome.DELETED: gettext_lazy(
        "Handled: the reply was deleted with the message it answers"
    ),
    ReportOutcome.HIDDEN: gettext_lazy(
        "Handled: the reply was hidden with the message it answers"
    ),
    ReportOutcome.KEPT: gettext_lazy(
        "Handled: no breach of the rules found, the reply stays"
    ),
}


class AlreadyReported(Exception):
    """This reader reported this item (or reply) before."""


# The categories of the first report form, still posted by pages cached
# before it changed.
OLD_CATEGORIES = {"abuse": ReportCategory.BULLYING}


def category_of(raw: str) -> str:
    raw = OLD_CATEGORIES.get(raw, raw)
    return raw if raw in ReportCategory.values else ReportCategory.OTHER


def report(item: Feedback, category: str, *, reader=None, reply=None, ip=None):
    """Store a report, count it, log it; hide the item after a burst.
    Raises AlreadyReported, lifecycle.TransitionNotAllowed."""
    category = category_of(category)
    label = ReportCategory(category).label
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=item.pk)
        if not locked.is_public:
            raise lifecycle.TransitionNotAllowed(
                _("Only published items can be reported.")
            )
        if reply is not None and reply.feedback_id != locked.pk:
            raise lifecycle.TransitionNotAllowed(_("No such reply."))
        try:
            with transaction.atomic():
                CommentReport.objects.create(
                    item=locked, reply=reply, reader=reader, category=category
                )
        except IntegrityError as error:
            raise AlreadyReported from error
        locked.report_count += 1
        locked.save(update_fields=["report_count"])
        what = _("reply") if reply is not None else _("comment")
        FeedbackEvent.objects.create(
            feedback=locked,
            action="report",
            actor_name=FeedbackEvent.OTHER_READERS,
            reason=f"{label}（{what}）",
            is_internal=True,
        )
        # The row's commenter is the item's; the reporter is in the detail.
        comment_log.record(
            comment_log.Action.REPORT,
            step=category,
            ip=ip,
            item=locked,
            content=locked.message,
            detail={
                "kind": locked.kind,
                "column": locked.column_id,
                "reporter": reader.pk if reader is not None else None,
                "reply": reply.pk if reply is not None else None,
            },
        )
        if reply is None and _burst(locked):
            _auto_hide(locked)
    lifecycle._sync(item, locked)


def _burst(item: Feedback) -> bool:
    threshold, window = settings.FEEDBACK_REPORT_HIDE_AFTER
    since = timezone.now() - timedelta(seconds=window)
    readers = (
        CommentReport.objects.filter(
            item=item,
            reply=None,
            reader__isnull=False,
            outcome=ReportOutcome.PENDING,
            created_at__gte=since,
        )
        .values("reader")
        .distinct()
        .count()
    )
    return item.state == State.PUBLISHED and readers >= threshold


def _auto_hide(item: Feedback) -> None:
    item.is_public = False
    threshold, _window = settings.FEEDBACK_REPORT_HIDE_AFTER
    lifecycle._move(
        item,
        "auto_hide",
        State.HIDDEN,
        reason=_("Reported by %(count)d readers: hidden until staff review it.")
        % {"count": threshold},
    )


def resolve_reports(item: Feedback, step: str, user=None) -> int:
    """Give the item's pending reports the outcome of a staff step."""
    outcome = OUTCOME_OF_STEP.get(step)
    if outcome is None:
        return 0
    decided = CommentReport.objects.filter(
        item=item, outcome=ReportOutcome.PENDING
    ).update(outcome=outcome, decided_at=timezone.now())
    if decided:
        comment_log.record(
            comment_log.Action.REPORT_OUTCOME,
            step=outcome,
            item=item,
            user=user,
            detail={"kind": item.kind, "column": item.column_id, "reports": decided},
        )
    return decided


def pending_reports(item: Feedback):
    return item.reports.filter(outcome=ReportOutcome.PENDING).select_related("reply")


def reply_of(item: Feedback, raw) -> FeedbackReply | None:
    if not raw or not str(raw).isdigit():
        return None
    return item.replies.filter(pk=int(raw)).first()


def outcome_for_reader(report: CommentReport) -> str:
    """What the reporter is told (their page, /feedback/mine/), about the
    comment or about the reply they reported."""
    is_reply = report.reply_id is not None
    if report.outcome == ReportOutcome.PENDING and report.item.state == State.HIDDEN:
        if is_reply:
            return str(
                _(
                    "In review: the reply is hidden with the message it answers "
                    "until staff decide."
                )
            )
        return str(_("In review: the comment is hidden until staff decide."))
    if is_reply:
        return str(REPLY_OUTCOMES[report.outcome])
    return str(report.get_outcome_display())


def reports_by(reader, limit=100) -> list[CommentReport]:
    rows = list(
        CommentReport.objects.filter(reader=reader)
        .select_related("item")
        .only(
            "category",
            "outcome",
            "created_at",
            "decided_at",
            "reply_id",
            "item__message",
            "item__state",
            "item__article_title",
        )
        .order_by("-created_at")[:limit]
    )
    for row in rows:
        row.outcome_label = outcome_for_reader(row)
    return rows
