"""Server-side screening of a submission: term lists, links, duplicates.

The form itself catches the honeypot, the fill time and the signed
timestamp (forms.py); the view applies the rate limits (views/submit.py)."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.models import Term
from core.models.terms import terms_by_level, texts_found_in
from core.text import compact, normalise
from feedback.models import Feedback, Screening

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s]+"
    r"|(?<![a-z0-9.@-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|top|xyz|"
    r"vip|cc|info|io|me|tv|club|site|online|shop|app|link|biz|pw|ru|tk)(?![a-z0-9-])",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class Verdict:
    screening: str = Screening.CLEAN
    reasons: list[str] = field(default_factory=list)

    def flag(self, screening: str, reason: str):
        # Spam outranks held, held outranks clean.
        order = [Screening.CLEAN, Screening.HELD, Screening.SPAM]
        if order.index(screening) > order.index(self.screening):
            self.screening = screening
        self.reasons.append(reason)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)[:255]


def count_links(*texts: str) -> int:
    """Web addresses with or without http://, not counting e-mail addresses."""
    return sum(
        len(_LINK.findall(_EMAIL.sub(" ", normalise(text)))) for text in texts if text
    )


def screen(texts: list[str], bot_reasons: list[str] = ()) -> Verdict:
    """Blocked terms make spam, suspect terms and links hold for review.
    Every field is checked, normalised (full-width, Traditional, zero-width)."""
    verdict = Verdict()
    for reason in bot_reasons:
        verdict.flag(Screening.SPAM, reason)
    terms = terms_by_level()
    if hits := texts_found_in(terms[Term.Level.BLOCKED], *texts):
        verdict.flag(Screening.SPAM, f"含禁用词：{'、'.join(hits)}")
    if hits := texts_found_in(terms[Term.Level.SUSPECT], *texts):
        verdict.flag(Screening.HELD, f"含可疑词：{'、'.join(hits)}")
    links = count_links(*texts)
    if links >= settings.FEEDBACK_HOLD_LINK_COUNT:
        verdict.flag(Screening.HELD, f"含 {links} 个链接")
    return verdict


def fingerprint(message: str) -> str:
    """The same message typed again (other spacing, punctuation, script)."""
    return hashlib.sha256(compact(message).encode()).hexdigest()


def find_duplicate(article, message_fingerprint: str) -> Feedback | None:
    """The first item with the same message on this article within the window."""
    since = timezone.now() - timedelta(seconds=settings.FEEDBACK_DUPLICATE_WINDOW)
    return (
        Feedback.objects.filter(
            article=article, fingerprint=message_fingerprint, created_at__gte=since
        )
        .order_by("created_at", "pk")
        .only("pk", "tracking_code", "created_at")
        .first()
    )
