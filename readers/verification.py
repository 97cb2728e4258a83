"""Verifying a number: send a 6-digit code (limits per number and per
address), check it (wrong codes lock the number), and find or create the
reader. Every refusal is a Refused with a message for the reader."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from readers import sms
from readers.models import PhoneCheck, Reader, VerificationCode
from readers.phone import last_four, phone_hash
from readers.standing import is_blocked
from security import ratelimit

CODE_DIGITS = 6


class Refused(Exception):
    """A step the reader cannot take now; str() is the message to show."""


def _code_hash(phone_key: str, code: str) -> str:
    return hmac.new(phone_key.encode(), code.encode(), hashlib.sha256).hexdigest()


def _locked_until(phone_key: str):
    check = PhoneCheck.objects.filter(phone_hash=phone_key).first()
    if check and check.locked_until and check.locked_until > timezone.now():
        return check.locked_until
    return None


def _lock_message(until) -> str:
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    return _(
        "Too many wrong codes: this number is locked for %(minutes)d more "
        "minutes. Please try again later."
    ) % {"minutes": minutes}


class Blocked(Refused):
    """The number is banned (readers/standing.py)."""


BLOCKED_MESSAGE = gettext_lazy(
    "This number has been banned from commenting and cannot be verified "
    "again. If you think this is wrong, send a complaint (no verification "
    "needed) under any article."
)


def send_code(e164: str, ip: str) -> None:
    """Send a new code to the number, or raise Refused."""
    key = phone_hash(e164)
    if is_blocked(key):  # banned (readers/standing.py): no code at all
        raise Blocked(str(BLOCKED_MESSAGE))
    if until := _locked_until(key):
        raise Refused(_lock_message(until))
    per_number, number_window = settings.READER_CODE_SENDS_PER_NUMBER
    since = timezone.now() - timedelta(seconds=number_window)
    if (
        VerificationCode.objects.filter(phone_hash=key, created_at__gte=since).count()
        >= per_number
    ):
        raise Refused(
            _(
                "This number has been sent %(count)d codes today, the most we "
                "send in a day. Please try again tomorrow."
            )
            % {"count": per_number}
        )
    per_ip, ip_window = settings.READER_CODE_SENDS_PER_IP
    if not ratelimit.allow("reader-code", ratelimit.limit_key(ip), per_ip, ip_window):
        raise Refused(
            _(
                "Too many codes were asked for from your network in the last "
                "hour. Please try again later."
            )
        )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    now = timezone.now()
    VerificationCode.objects.create(
        phone_hash=key,
        code_hash=_code_hash(key, code),
        created_at=now,
        expires_at=now + timedelta(seconds=settings.READER_CODE_VALID_SECONDS),
    )
    try:
        sms.send_code(e164, code)
    except sms.SmsError as error:
        raise Refused(
            _("The text message could not be sent just now. Please try again.")
        ) from error


def check_code(e164: str, code: str) -> Reader:
    """The reader of this number once the code is right (created on the
    first verification); Refused otherwise. Five wrong codes lock the
    number for READER_CODE_LOCK_SECONDS."""
    key = phone_hash(e164)
    if is_blocked(key):
        raise Blocked(str(BLOCKED_MESSAGE))
    code = (code or "").strip()
    # A refusal is raised after the transaction, so the failure it counted
    # is committed.
    with transaction.atomic():
        check, _created = PhoneCheck.objects.select_for_update().get_or_create(
            phone_hash=key
        )
        now = timezone.now()
        if check.locked_until and check.locked_until > now:
            raise Refused(_lock_message(check.locked_until))
        candidate = (
            VerificationCode.objects.select_for_update()
            .filter(phone_hash=key, used_at=None, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        right = candidate is not None and hmac.compare_digest(
            candidate.code_hash, _code_hash(key, code)
        )
        if not right:
            check.failures += 1
            if check.failures >= settings.READER_CODE_MAX_FAILURES:
                check.failures = 0
                check.locked_until = now + timedelta(
                    seconds=settings.READER_CODE_LOCK_SECONDS
                )
                check.save()
                raise_after = Refused(_lock_message(check.locked_until))
            else:
                check.save()
                if candidate is None:
                    raise_after = Refused(
                        _(
                            "The code has expired or was never sent. Please ask "
                            "for a new one."
                        )
                    )
                else:
                    raise_after = Refused(
                        _(
                            "The code is not right. Please check the text message "
                            "and try again (%(left)d tries left)."
                        )
                        % {"left": settings.READER_CODE_MAX_FAILURES - check.failures}
                    )
        else:
            candidate.used_at = now
            candidate.save(update_fields=["used_at"])
            check.failures = 0
            check.locked_until = None
            check.save()
            reader, created = Reader.objects.get_or_create(
                phone_hash=key,
                defaults={"phone_last4": last_four(e164), "verified_at": now},
            )
            if not created:
                reader.verified_at = now
                reader.save(update_fields=["verified_at"])
            return reader
    raise raise_after
