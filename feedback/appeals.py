"""Appeals (申诉) against a sanction (readers/standing.py): a verified
reader writes one from their page; it lands in the feedback handlers' queue
as an item of kind "appeal" (no article, no column: only the handlers see
it), goes through accept → reply like a complaint, and the reader follows
it on its tracking page and on their own page. Lifting or changing the
sanction is the credit page's (readers/admin_views.py)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from feedback import emails
from feedback.lifecycle import log_event, record, set_initial_deadlines
from feedback.models import Feedback, Kind, State
from feedback.screening import fingerprint
from feedback.tracking import new_code, new_token

CODE_ATTEMPTS = 5


def open_appeal(sanction) -> Feedback | None:
    """An appeal against this sanction that is still being handled."""
    return (
        Feedback.objects.filter(appeal_of=sanction, kind=Kind.APPEAL)
        .exclude(state__in=(State.CLOSED, State.REJECTED, State.SPAM))
        .first()
    )


def file_appeal(sanction, message: str, *, ip=None) -> Feedback:
    item = Feedback(
        kind=Kind.APPEAL,
        article=None,
        column=None,
        article_title=_("Appeal: %(sanction)s")
        % {"sanction": sanction.get_kind_display()},
        message=message,
        display_name=sanction.reader.nickname or "",
        consent_public=False,
        fingerprint=fingerprint(message),
        ip_address=ip,
        reader=sanction.reader,
        appeal_of=sanction,
    )
    set_initial_deadlines(item)
    for attempt in range(CODE_ATTEMPTS):
        item.tracking_code, item.tracking_token = new_code(), new_token()
        try:
            with transaction.atomic():
                item.save()
                record(item, "submit", by_submitter=True, to_state=State.SUBMITTED)
                log_event(item, "screen")
            break
        except IntegrityError:
            item.pk = None
            if attempt == CODE_ATTEMPTS - 1:
                raise
    emails.notify_new_feedback(item)
    return item
