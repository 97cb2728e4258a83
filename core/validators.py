from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def validate_link(value: str) -> None:
    """A site path (/about/) or an http(s)/mailto/tel address: never a
    javascript: or data: URL that would run in a reader's browser."""
    value = (value or "").strip()
    if value.startswith("/") and not value.startswith("//"):
        return
    if urlsplit(value).scheme.lower() not in LINK_SCHEMES or value.startswith("//"):
        raise ValidationError(
            _(
                "Enter a path on this site (starting with /) or an address "
                "starting with http://, https://, mailto: or tel:"
            )
        )


def blocked_terms_in(*texts: str) -> list[str]:
    """What a reason or error calls each blocked term (敏感词, level 禁用)
    found in any of the texts, by the shared matcher (core.models.terms)."""
    from core.models.terms import Term, terms_by_level, texts_found_in

    rules = terms_by_level()[Term.Level.BLOCKED]
    return [getattr(rule, "label", rule) for rule in texts_found_in(rules, *texts)]


def validate_no_blocked_terms(value: str) -> None:
    """For text staff publish (replies, their signature): refused, with the
    terms named, if it holds a blocked term."""
    found = blocked_terms_in(value or "")
    if found:
        words = pgettext("list separator", ", ").join(
            pgettext("quoted term", "“%(term)s”") % {"term": word} for word in found
        )
        raise ValidationError(
            _("Contains blocked terms %(terms)s: change them and submit again.")
            % {"terms": words},
            code="blocked_term",
        )
