"""Deployment checks of the verified-reader settings."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_reader_settings(app_configs, **kwargs):
    problems = []
    if not settings.READER_PHONE_HMAC_KEY:
        problems.append(
            Warning(
                "READER_PHONE_HMAC_KEY is not set: verified phone numbers are "
                "hashed with a key derived from SECRET_KEY, and changing "
                "SECRET_KEY would lose every reader's verification.",
                id="readers.W001",
            )
        )
    backend = settings.READER_SMS_BACKEND
    # The file backend is a deliberate choice (a local production stack, a
    # relay reading the file); console and memory lose the codes.
    if backend in {"readers.sms.ConsoleBackend", "readers.sms.LocmemBackend"}:
        problems.append(
            Warning(
                f"READER_SMS_BACKEND is {backend}: verification codes are not "
                "sent to readers' phones.",
                id="readers.W002",
            )
        )
    return problems
