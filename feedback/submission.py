"""Storing what a reader sent: saved first, e-mails after the commit.

The same message on the same article within FEEDBACK_DUPLICATE_WINDOW is
stored once, however many workers receive it at the same moment: the check
for an earlier copy and the insert run in one transaction under a lock that
every other store of that message on that article waits for
(_serialise_duplicates)."""

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils.translation import pgettext

from feedback import emails
from feedback.lifecycle import log_event, record, set_initial_deadlines
from feedback.models import Feedback, Screening, State
from feedback.screening import Verdict, find_duplicate
from feedback.tracking import new_code, new_token

CODE_ATTEMPTS = 5


@dataclass
class Submission:
    kind: str
    message: str
    display_name: str
    contact: str
    consent_public: bool
    reader: object = None  # readers.Reader, when a verified reader sent it
    ip_region: str = ""


class Duplicate(Exception):
    """The message repeats one already on this article within the window."""

    def __init__(self, first: Feedback):
        super().__init__(first.tracking_code)
        self.first = first


def store(article, submission: Submission, verdict: Verdict, *, fingerprint, ip):
    """Save the item with a fresh tracking code and its first history steps.
    Spam is kept (hidden, purged later), held items wait for a closer look.
    Raises Duplicate, storing nothing, if the same message reached this
    article within the duplicate window (find_duplicate)."""
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
        ip_region=submission.ip_region,
        reader=submission.reader,
    )
    if verdict.screening == Screening.SPAM:
        item.state = State.SPAM
    set_initial_deadlines(item)
    for attempt in range(CODE_ATTEMPTS):
        item.tracking_code, item.tracking_token = new_code(), new_token()
        try:
            with transaction.atomic():
                _serialise_duplicates(article.pk, fingerprint)
                if (first := find_duplicate(article, fingerprint)) is not None:
                    raise Duplicate(first)
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


def _serialise_duplicates(article_id: int, fingerprint: str) -> None:
    """Inside the store's transaction, before the duplicate check: wait for,
    then hold to the end of the transaction, a lock that every other store
    of the same message on the same article takes too. The check then sees
    every copy committed before it, and nobody inserts between the check
    and the insert.

    PostgreSQL: a transaction-level advisory lock on a hash of the article
    and the fingerprint, so different messages do not wait for each other
    (READ COMMITTED: the check, a new statement, sees what the lock's last
    holder committed). SQLite: one write lock for the whole database, held
    from a transaction's first write to its end; a deferred transaction
    that read first could not take it later without failing, so a write
    that changes nothing takes it now, before the check reads."""
    if connection.vendor == "postgresql":
        digest = hashlib.sha256(f"feedback:{article_id}:{fingerprint}".encode())
        key = int.from_bytes(digest.digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        return
    table = connection.ops.quote_name(Feedback._meta.db_table)
    column = connection.ops.quote_name(Feedback._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = {column} WHERE 0 = 1")  # noqa: S608


def _save(item: Feedback, verdict: Verdict) -> None:
    if item.state == State.SPAM:
        item.finished_at = item.created_at
    item.save()
    record(item, "submit", by_submitter=True, to_state=State.SUBMITTED)
    if verdict.screening == Screening.CLEAN:
        # Not a history step readers or staff need; the log keeps every result.
        log_event(item, "screen")
    else:
        record(
            item,
            "screen",
            from_state=State.SUBMITTED,
            to_state=item.state,
            reason=pgettext("screening with reason", "%(result)s: %(reason)s")
            % {"result": Screening(verdict.screening).label, "reason": verdict.reason},
            internal=True,
        )
