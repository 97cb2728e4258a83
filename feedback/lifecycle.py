"""The lifecycle of a feedback item: every allowed step, and nothing else.

    submitted ─▶ accepted ─▶ in progress ─▶ replied ─▶ closed
        │                         ▲             │
        ├─▶ rejected (reason)     └─ 不满意 ◀────┘ (rating)
        └─▶ spam (kept, purged later)

A comment only needs moderation: submitted ─▶ published / hidden, and an
editor may still reply to it. Each step runs in a transaction on a locked
row, so two handlers clicking at once cannot both move an item, and each
step is recorded with who, when and why (FeedbackEvent)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commentlog import log as comment_log
from core.language import public_languages
from core.people import display_name
from core.validators import blocked_terms_in
from corrections import actions as corrections
from feedback.deadlines import add_working_days
from feedback.models import (
    ANSWERED_KINDS,
    FINISHED_STATES,
    Feedback,
    FeedbackEvent,
    FeedbackReply,
    Kind,
    Rating,
    State,
)

ACTION_LABELS = {
    "submit": pgettext_lazy("feedback action", "Submitted by the reader"),
    "screen": pgettext_lazy("feedback action", "Automatic screening"),
    "accept": pgettext_lazy("feedback action", "Accept"),
    "reject": pgettext_lazy("feedback action", "Reject"),
    "spam": pgettext_lazy("feedback action", "Mark as spam"),
    "restore": pgettext_lazy("feedback action", "Remove the spam mark"),
    "assign": pgettext_lazy("feedback action", "Assign"),
    "reply": pgettext_lazy("feedback action", "Reply"),
    "rate": pgettext_lazy("feedback action", "Reader's rating"),
    "reopen": pgettext_lazy("feedback action", "Reopen"),
    "close": pgettext_lazy("feedback action", "Close"),
    "publish": pgettext_lazy("feedback action", "Show in public"),
    "hide": pgettext_lazy("feedback action", "Do not show in public"),
    "note": pgettext_lazy("feedback action", "Internal note"),
    "correction": pgettext_lazy("feedback action", "Correct the article"),
    "erase_contact": pgettext_lazy("feedback action", "Erase contact details"),
    "report": _("Report by a reader"),
    # The comment community (feedback/comment_actions.py, feedback/reports.py)
    "auto_hide": pgettext_lazy("feedback action", "Hidden after many reports"),
    "feature": pgettext_lazy("feedback action", "Featured"),
    "unfeature": pgettext_lazy("feedback action", "No longer featured"),
    "pin": pgettext_lazy("feedback action", "Pinned"),
    "unpin": pgettext_lazy("feedback action", "Unpinned"),
    "delete": pgettext_lazy("feedback action", "Deleted"),
    "dismiss_reports": pgettext_lazy("feedback action", "Reports unfounded, kept"),
    "confirm_hide": pgettext_lazy("feedback action", "Reports upheld, kept hidden"),
}

# Who took a step no staff member took: keys FeedbackEvent.actor_name keeps
# and FeedbackEvent.actor_label shows in the viewer's language.
SYSTEM_NAME = FeedbackEvent.SYSTEM
READER_NAME = FeedbackEvent.READER
OTHER_READERS_NAME = FeedbackEvent.OTHER_READERS

COMMENT_ONLY = (Kind.COMMENT,)
ALL_KINDS = tuple(Kind)


class TransitionNotAllowed(Exception):
    """A step that the lifecycle does not allow from the item's state."""


def actor_label(user) -> str:
    if user is None:
        return SYSTEM_NAME
    return display_name(user)


def _lock(item: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=item.pk)


def _sync(target: Feedback, source: Feedback) -> None:
    for field in Feedback._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _check(item, action: str, states, kinds=ALL_KINDS) -> None:
    if item.kind not in kinds:
        raise TransitionNotAllowed(
            gettext("%(kind)s: “%(action)s” is not possible.")
            % {"kind": item.get_kind_display(), "action": ACTION_LABELS[action]}
        )
    if item.state not in states:
        raise TransitionNotAllowed(
            gettext(
                "“%(action)s” is not possible for feedback in the state “%(state)s”."
            )
            % {"state": item.get_state_display(), "action": ACTION_LABELS[action]}
        )


def _need_reason(reason: str, action: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed(
            gettext("“%(action)s” needs a reason.") % {"action": ACTION_LABELS[action]}
        )
    return reason


def record(
    item,
    action,
    *,
    user=None,
    from_state="",
    to_state="",
    reason="",
    internal=False,
    by_submitter=False,
    actor_name=None,
    ip=None,
):
    if actor_name is None:
        actor_name = READER_NAME if by_submitter else actor_label(user)
    log_event(item, action, user=user, ip=ip, from_state=from_state, to_state=to_state)
    return FeedbackEvent.objects.create(
        feedback=item,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=user,
        actor_name=actor_name,
        by_submitter=by_submitter,
        reason=reason,
        is_internal=internal,
    )


# Each step of the history also goes to the comment operations log
# (commentlog/): the steps not listed here are moderation.
LOG_ACTIONS = {
    "submit": comment_log.Action.SUBMIT,
    "screen": comment_log.Action.SCREEN,
    "report": comment_log.Action.REPORT,
    "erase_contact": comment_log.Action.ERASE_CONTACT,
}


def log_event(item, action, *, user=None, ip=None, from_state="", to_state=""):
    """One row in the comment log for a step of an item's history, with the
    SHA-256 of the item's text (the text itself stays with the item)."""
    detail = {"kind": item.kind, "column": item.column_id}
    if from_state or to_state:
        detail |= {"from": str(from_state), "to": str(to_state)}
    if action in {"submit", "screen"}:
        # The screening result belongs to the submission: the submitter's IP.
        ip = ip or item.ip_address
    if action == "screen":
        detail |= {"screening": item.screening}
    comment_log.record(
        LOG_ACTIONS.get(action, comment_log.Action.MODERATE),
        step=action,
        ip=ip,
        item=item,
        user=user,
        content=item.message,
        detail=detail,
    )


def _move(item, action, target, *, user=None, reason="", by_submitter=False):
    now = timezone.now()
    source = item.state
    item.state = target
    if target in FINISHED_STATES:
        item.finished_at = now
    else:
        item.finished_at = None
    item.save()
    record(
        item,
        action,
        user=user,
        from_state=source,
        to_state=target,
        reason=reason,
        by_submitter=by_submitter,
    )


def _stay(item, action, *, user=None, reason=""):
    """Save and record a step that leaves the item in its state."""
    item.save()
    _note(item, action, user=user, reason=reason)


def _note(item, action, *, user=None, reason=""):
    """Record a step that changes nothing on the item itself."""
    record(
        item,
        action,
        user=user,
        from_state=item.state,
        to_state=item.state,
        reason=reason,
    )


def _hand_to(item, user, assignee, reason=""):
    item.assignee = assignee
    # Kept in the history: in the public language, whoever assigns.
    with translation.override(public_languages()[0]):
        note = gettext("Assignee: %(name)s") % {"name": actor_label(assignee)}
        if reason:
            note = gettext("%(note)s. %(reason)s") % {"note": note, "reason": reason}
    _move(item, "assign", State.IN_PROGRESS, user=user, reason=note)


def _step(function):
    """Run a step on a fresh, locked copy, then update the caller's object."""

    def wrapper(item, *args, **kwargs):
        with transaction.atomic():
            locked = _lock(item)
            result = function(locked, *args, **kwargs)
        _sync(item, locked)
        return result

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def set_initial_deadlines(item: Feedback) -> None:
    if item.kind in ANSWERED_KINDS:
        item.accept_due = add_working_days(
            item.created_at, settings.FEEDBACK_ACCEPT_WORKING_DAYS
        )


def _start_reply_clock(item: Feedback, now) -> None:
    item.reply_due = add_working_days(now, settings.FEEDBACK_REPLY_WORKING_DAYS)


@_step
def accept(item, user, reason=""):
    _check(item, "accept", [State.SUBMITTED], ANSWERED_KINDS)
    now = timezone.now()
    if item.accept_due and now > item.accept_due:
        item.missed_deadline = True
    item.accepted_at = now
    _start_reply_clock(item, now)
    _move(item, "accept", State.ACCEPTED, user=user, reason=reason)


@_step
def reject(item, user, reason):
    _check(item, "reject", [State.SUBMITTED], ANSWERED_KINDS)
    reason = _need_reason(reason, "reject")
    item.is_public = False
    _move(item, "reject", State.REJECTED, user=user, reason=reason)


@_step
def mark_spam(item, user, reason=""):
    _check(item, "spam", [State.SUBMITTED, State.PUBLISHED, State.HIDDEN])
    item.is_public = False
    _move(item, "spam", State.SPAM, user=user, reason=reason)


@_step
def restore(item, user, reason):
    """Not spam after all: back to the queue, with the reason."""
    _check(item, "restore", [State.SPAM])
    reason = _need_reason(reason, "restore")
    _move(item, "restore", State.SUBMITTED, user=user, reason=reason)


@_step
def assign(item, user, assignee, reason=""):
    _check(item, "assign", [State.ACCEPTED, State.IN_PROGRESS], ANSWERED_KINDS)
    if assignee is None or not assignee.is_active:
        raise TransitionNotAllowed(
            gettext("Choose an assignee who is still on the staff.")
        )
    _hand_to(item, user, assignee, reason)


@_step
def reply(item, user, body, signature_name, signature_role) -> FeedbackReply:
    """An official reply. An accepted item that nobody took yet is taken by
    the replier first; a comment keeps its state."""
    body = (body or "").strip()
    if not body:
        raise TransitionNotAllowed(gettext("The reply cannot be empty."))
    if found := blocked_terms_in(body, signature_name, signature_role):
        words = pgettext("list separator", ", ").join(
            pgettext("quoted term", "“%(term)s”") % {"term": word} for word in found
        )
        raise TransitionNotAllowed(
            gettext(
                "The reply or the signature contains blocked terms %(terms)s: "
                "change them and submit again."
            )
            % {"terms": words}
        )
    if item.kind in ANSWERED_KINDS:
        _check(item, "reply", [State.ACCEPTED, State.IN_PROGRESS])
        if item.state == State.ACCEPTED:
            _hand_to(item, user, user)
    else:
        _check(item, "reply", [State.SUBMITTED, State.PUBLISHED, State.HIDDEN])
    now = timezone.now()
    answer = FeedbackReply.objects.create(
        feedback=item,
        body=body,
        author=user,
        signature_name=signature_name,
        signature_role=signature_role,
        created_at=now,
    )
    item.replied_at = now
    item.first_replied_at = item.first_replied_at or now
    if item.kind in ANSWERED_KINDS:
        if item.reply_due and now > item.reply_due:
            item.missed_deadline = True
        _move(item, "reply", State.REPLIED, user=user)
    else:
        _stay(item, "reply", user=user)
    return answer


@_step
def rate(item, rating, reason=""):
    """The reader's one rating of a reply. 不满意 needs a reason and reopens
    the item (up to FEEDBACK_MAX_REOPENS times; after that it closes)."""
    _check(item, "rate", [State.REPLIED], ANSWERED_KINDS)
    if rating not in Rating.values:
        raise TransitionNotAllowed(
            gettext("Choose satisfied, mostly satisfied or not satisfied.")
        )
    reason = (reason or "").strip()
    if rating == Rating.UNSATISFIED:
        reason = _need_reason(reason, "rate")
    item.rating = rating
    item.rating_reason = reason
    # Kept in the history: in the public language.
    with translation.override(public_languages()[0]):
        label = str(Rating(rating).label)
        note = (
            pgettext("rating with reason", "%(rating)s: %(reason)s")
            % {"rating": label, "reason": reason}
            if reason
            else label
        )
    reopen = (
        rating == Rating.UNSATISFIED
        and item.reopen_count < settings.FEEDBACK_MAX_REOPENS
    )
    if reopen:
        now = timezone.now()
        item.reopen_count += 1
        _start_reply_clock(item, now)
        _move(item, "reopen", State.IN_PROGRESS, reason=note, by_submitter=True)
    else:
        _move(item, "rate", State.CLOSED, reason=note, by_submitter=True)


@_step
def close(item, user=None, reason=""):
    """Close a replied item without a rating (by staff, or by the system once
    the reader has not rated for FEEDBACK_AUTO_CLOSE_DAYS)."""
    _check(item, "close", [State.REPLIED], ANSWERED_KINDS)
    _move(item, "close", State.CLOSED, user=user, reason=reason)


@_step
def publish(item, user, reason=""):
    """Show the item (and its replies) under the article."""
    if not item.consent_public:
        raise TransitionNotAllowed(
            gettext("The reader did not consent to publication: it cannot be shown.")
        )
    if item.kind == Kind.COMMENT:
        _check(item, "publish", [State.SUBMITTED, State.HIDDEN])
        item.is_public = True
        _move(item, "publish", State.PUBLISHED, user=user, reason=reason)
        return
    _check(
        item,
        "publish",
        [State.ACCEPTED, State.IN_PROGRESS, State.REPLIED, State.CLOSED],
    )
    if item.is_public:
        raise TransitionNotAllowed(gettext("This feedback is already public."))
    item.is_public = True
    _stay(item, "publish", user=user)


@_step
def hide(item, user, reason=""):
    """Take an item off the article page (a comment: decline to publish it).
    Like every staff step that changes what readers see, it needs a reason,
    kept in the history (and shown to the reader on their tracking page)."""
    if item.kind == Kind.COMMENT:
        _check(item, "hide", [State.SUBMITTED, State.PUBLISHED])
        reason = _need_reason(reason, "hide")
        item.is_public = False
        _move(item, "hide", State.HIDDEN, user=user, reason=reason)
        return
    if not item.is_public:
        raise TransitionNotAllowed(gettext("This feedback was not public."))
    reason = _need_reason(reason, "hide")
    item.is_public = False
    _stay(item, "hide", user=user, reason=reason)


@_step
def add_note(item, user, text):
    text = (text or "").strip()
    if not text:
        raise TransitionNotAllowed(gettext("The note cannot be empty."))
    record(item, "note", user=user, reason=text, internal=True)


@_step
def record_correction(item, user, revision, note):
    """A 纠错 that led to a change becomes a correction (corrections/): a
    draft with the note, linked to the article revision that made the
    change, public once an approver of the article's column approves it.
    Until then the handler may rewrite the draft; after, a further change is
    a new correction in 更正与追记."""
    _check(
        item,
        "correction",
        [State.ACCEPTED, State.IN_PROGRESS, State.REPLIED, State.CLOSED],
        (Kind.CORRECTION,),
    )
    note = _need_reason(note, "correction")
    correction = item.correction
    if correction is not None and correction.is_public:
        raise TransitionNotAllowed(
            gettext(
                "The correction for this feedback is already public: for more, "
                "start a new correction."
            )
        )
    if correction is not None:
        correction.text, correction.revision = note, revision
        correction.save(update_fields=["text", "revision"])
    else:
        if item.article is None:
            raise TransitionNotAllowed(
                gettext("The article was deleted: it cannot be corrected.")
            )
        try:
            item.correction = corrections.draft(
                item.article, user, text=note, revision=revision
            )
        except corrections.NotAllowed as refusal:
            raise TransitionNotAllowed(str(refusal)) from refusal
        item.save()
    record(item, "correction", user=user, reason=note)


def allowed_actions(item: Feedback) -> set[str]:
    """The steps a handler may take now, for the buttons in the admin."""
    state, answered = item.state, item.kind in ANSWERED_KINDS
    actions = {"note"}
    if state == State.SUBMITTED:
        actions |= {"spam"} | ({"accept", "reject"} if answered else {"hide"})
    if state == State.SPAM:
        actions.add("restore")
    if answered:
        if state in (State.ACCEPTED, State.IN_PROGRESS):
            actions |= {"assign", "reply"}
        if state == State.REPLIED:
            actions.add("close")
        if state in (State.ACCEPTED, State.IN_PROGRESS, State.REPLIED, State.CLOSED):
            actions.add("hide" if item.is_public else "publish")
            if item.kind == Kind.CORRECTION and not (
                item.correction_id and item.correction.is_public
            ):
                actions.add("correction")
    else:
        if state in (State.SUBMITTED, State.PUBLISHED, State.HIDDEN):
            actions.add("reply")
        if state == State.HIDDEN:
            actions |= {"publish", "spam"}
        if state == State.PUBLISHED:
            actions |= {"hide", "spam"}
        if state == State.SUBMITTED:
            actions.add("publish")
    if "publish" in actions and not item.consent_public:
        actions.discard("publish")
    return actions
