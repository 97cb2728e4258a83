"""Server-side screening of a submission: term lists, links, duplicates.

The form itself catches the honeypot, the fill time and the signed
timestamp (forms.py); the view applies the rate limits (views/submit.py)."""

import hashlib
import ipaddress
import re
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from publicsuffixlist import PublicSuffixList

from core.models import Term
from core.models.terms import terms_by_level, texts_found_in
from core.text import EMAIL, compact, fold_addresses
from feedback.models import Feedback, Screening

# In fold_addresses() text: lower case, full-width folded, [.] 。 dot 点 as ".".
_URL = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9+.-]*://[!-~]+")
_PATH = r"(?:[:/?#][!-~]*)?"  # a path in ASCII: not the Chinese text after it
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_HOST = re.compile(
    rf"(?<![a-z0-9.@_-])((?:{_LABEL}\.)+)([a-z](?:[a-z0-9-]*[a-z0-9])?"
    r"|[\u4e00-\u9fff]{1,4})(?![a-z0-9-])" + _PATH
)
_IPV4 = re.compile(r"(?<![a-z0-9.])(\d{1,3}(?:\.\d{1,3}){3})(?![0-9]|\.\d)" + _PATH)
# The contact field holds just one address or number; see _only_contact().
_CONTACT_VALUE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+|\+?[0-9][0-9 ()\-]{5,24}")


@lru_cache(maxsize=1)
def public_suffixes() -> PublicSuffixList:
    """The Public Suffix List bundled with the publicsuffixlist package
    (read from the package's own file: nothing is downloaded). Unknown
    endings are not suffixes, so 3.14 or report.pdf are no addresses."""
    return PublicSuffixList(accept_unknown=False)


def _is_host(labels: str, ending: str) -> bool:
    """labels ("www.a-spam.") and ending ("bet", or Chinese "中国网站…"):
    a name under a public suffix (a-spam.bet, x.com.cn, 例子.中国)."""
    psl = public_suffixes()
    if ending.isascii():
        host = labels + ending
        return host.startswith("www.") or psl.privatesuffix(host) is not None
    # A Chinese ending runs into the sentence: 访问abc.中国很好.
    return any(
        psl.privatesuffix(labels + ending[:size]) is not None
        for size in range(len(ending), 0, -1)
    )


def find_links(text: str) -> list[str]:
    """Web addresses in text, after normalisation: with or without a scheme,
    dots written [.] (.) 。 ． ｡ dot 点, any ending on the Public Suffix List
    (.bet, .top, .中国…), and bare IPv4 addresses. E-mail addresses
    (also name(at)example(dot)com) are not links."""
    view = EMAIL.sub(" ", fold_addresses(text).text)
    links = []

    def take(match):
        links.append(match.group())
        return " "

    view = _URL.sub(take, view)
    view = _IPV4.sub(
        lambda match: take(match) if _is_ipv4(match.group(1)) else match.group(), view
    )
    links.extend(
        match.group()
        for match in _HOST.finditer(view)
        if _is_host(match.group(1), match.group(2))
    )
    return links


def _is_ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True


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
        return pgettext("list of reasons", "; ").join(self.reasons)[:255]


def count_links(*texts: str) -> int:
    """Web addresses (find_links) in all the texts."""
    return sum(len(find_links(text)) for text in texts if text)


def _only_contact(text: str) -> bool:
    """The whole text is one e-mail address or one phone number: the
    联系方式 field, where a reader leaves a way to reach them. The contact
    patterns (phone, QQ, WeChat) look for contact details offered in the
    message; they do not hold an item for its own contact field."""
    return bool(_CONTACT_VALUE.fullmatch(text.strip()))


def rules_found(rules, texts: list[str]) -> list:
    """The rules found in any text: words in every field, contact-detail
    patterns in every field but one that is a lone contact value."""
    words = [rule for rule in rules if not rule.is_pattern]
    patterns = [rule for rule in rules if rule.is_pattern]
    found = set(texts_found_in(words, *texts))
    found.update(
        texts_found_in(
            patterns, *[text for text in texts if text and not _only_contact(text)]
        )
    )
    return [rule for rule in rules if rule in found]


def screen(texts: list[str], bot_reasons: list[str] = ()) -> Verdict:
    """Blocked terms make spam, suspect terms and links hold for review.
    Every field is checked on its own, normalised (core.text.compact: full
    width, variants, look-alikes, fillers, Traditional); rules of kind
    "pattern" (the contact-detail rules) are matched in the same form."""
    verdict = Verdict()
    separator = pgettext("list separator", ", ")
    for reason in bot_reasons:
        verdict.flag(Screening.SPAM, reason)
    terms = terms_by_level()
    if hits := rules_found(terms[Term.Level.BLOCKED], texts):
        verdict.flag(
            Screening.SPAM,
            gettext("Blocked terms: %(terms)s")
            % {"terms": separator.join(hit.label for hit in hits)},
        )
    if hits := rules_found(terms[Term.Level.SUSPECT], texts):
        verdict.flag(
            Screening.HELD,
            gettext("Suspect terms: %(terms)s")
            % {"terms": separator.join(hit.label for hit in hits)},
        )
    links = count_links(*texts)
    if links >= settings.FEEDBACK_HOLD_LINK_COUNT:
        verdict.flag(
            Screening.HELD,
            ngettext("%(count)d link", "%(count)d links", links) % {"count": links},
        )
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
