"""What needs a verified reader, and what a reader must have agreed to."""

from django.conf import settings
from django.utils import timezone

from readers.models import Consent, Reader, ReaderDocument


def needs_verification(kind: str) -> bool:
    """READER_VERIFICATION_REQUIRED_FOR: public comments by default;
    private feedback (complaints, corrections…) stays open with a contact."""
    return kind in settings.READER_VERIFICATION_REQUIRED_FOR


def current_versions() -> dict[str, str]:
    """{document kind: current version} of the rules documents that exist."""
    return dict(ReaderDocument.objects.values_list("kind", "version"))


def missing_consents(reader: Reader) -> list[str]:
    """The documents whose current version the reader has not agreed to."""
    agreed = set(reader.consents.values_list("document", "version"))
    return [
        kind
        for kind, version in sorted(current_versions().items())
        if (kind, version) not in agreed
    ]


def record_consent(reader: Reader, versions: dict[str, str]) -> list[Consent]:
    """Store that the reader agreed to these versions now (once each)."""
    now = timezone.now()
    made = []
    for kind, version in versions.items():
        consent, created = Consent.objects.get_or_create(
            reader=reader, document=kind, version=version, defaults={"agreed_at": now}
        )
        if created:
            made.append(consent)
    return made


def may_comment(reader: Reader | None) -> bool:
    return bool(
        reader and reader.is_active and reader.nickname and not missing_consents(reader)
    )


def next_step(reader: Reader | None) -> str:
    """What a reader must do before commenting: verify, nickname, consent."""
    if reader is None or not reader.is_active:
        return "verify"
    if not reader.nickname:
        return "nickname"
    return "consent"
