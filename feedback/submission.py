"""Storing what a reader sent: saved first, e-mails after the commit."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from feedback import emails
from feedback.lifecycle import record, set_initial_deadlines
from feedback.models import Feedback, Screening, State
from feedback.screening import Verdict
from feedback.tracking import new_code, new_token

CODE_ATTEMPTS = 5


@dataclass
class Submission:
    kind: str
    message: str
    display_name: str
    contact: str
    consent_public: bool


def store(article, submission: Submission, verdict: Verdict, *, fingerprint, ip):
    """Save the item with a fresh tracking code and its first history steps.
    Spam is kept (hidden, purged later), held items wait for a closer look."""
    item = Feedback(
        article=article,
        column_id=article.listed_column_id,
        article_title=article.title,
        kind=submission.kind,
        message=submission.message,
        display_name=submission.display_name,
        contact=submission.contact,
        consent_public=submission.consent_public,
        screening=verdict.screening,
        screening_reason=verdict.reason,
        fingerprint=fingerprint,
        ip_address=ip,
    )
    if verdict.screening == Screening.SPAM:
        item.state = State.SPAM
    set_initial_deadlines(item)
    for attempt in range(CODE_ATTEMPTS):
        item.tracking_code, item.tracking_token = new_code(), new_token()
        try:
            with transaction.atomic():
                _save(item, verdict)
            break
        except IntegrityError:
            # A tracking code already taken (about one in 10**14): draw again.
            item.pk = None
            if attempt == CODE_ATTEMPTS - 1:
                raise
    if item.state != State.SPAM:
        emails.notify_new_feedback(item)
    return item


def _save(item: Feedback, verdict: Verdict) -> None:
    if item.state == State.SPAM:
        item.finished_at = item.created_at
    item.save()
    record(item, "submit", by_submitter=True, to_state=State.SUBMITTED)
    if verdict.screening != Screening.CLEAN:
        record(
            item,
            "screen",
            from_state=State.SUBMITTED,
            to_state=item.state,
            reason=f"{Screening(verdict.screening).label}：{verdict.reason}",
            internal=True,
        )
