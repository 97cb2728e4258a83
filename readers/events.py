"""What the comment operations log (commentlog) records of verified readers:
each verification (the reader id, the full address, the last four digits),
each nickname chosen (its hash), each consent to a rules document's version,
and each comment refused for want of them. A verified reader's submission
itself is logged by feedback, with the reader's id (Feedback.reader)."""

from commentlog import log
from security.client_ip import client_ip


def verified(request, reader, *, consents=()):
    log.record(
        log.Action.VERIFY,
        step="phone",
        ip=client_ip(request),
        reader=reader,
        detail={"last4": reader.phone_last4},
    )
    consented(request, reader, consents)


def nickname_set(request, reader):
    log.record(
        log.Action.VERIFY,
        step="nickname",
        ip=client_ip(request),
        reader=reader,
        content=reader.nickname or "",
    )


def consented(request, reader, consents):
    for consent in consents:
        log.record(
            log.Action.CONSENT,
            step=consent.document,
            ip=client_ip(request),
            reader=reader,
            detail={"document": consent.document, "version": consent.version},
        )


def refused_unverified(request, reader, *, article, kind, message, step):
    """A comment refused because its sender was not verified, had no
    nickname, or had not agreed to the current rules (`step`)."""
    log.record(
        log.Action.SUBMIT,
        step=f"refused_{step}",
        ip=client_ip(request),
        reader=reader,
        article=article,
        content=message,
        detail={"kind": kind},
    )
