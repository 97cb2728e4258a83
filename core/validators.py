from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def validate_link(value: str) -> None:
    """A site path (/about/) or an http(s)/mailto/tel address: never a
    javascript: or data: URL that would run in a reader's browser."""
    value = (value or "").strip()
    if value.startswith("/") and not value.startswith("//"):
        return
    if urlsplit(value).scheme.lower() not in LINK_SCHEMES or value.startswith("//"):
        raise ValidationError(
            "请填写站内路径(以 / 开头)或以 http://、https://、mailto:、tel: 开头的网址"
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
        words = "、".join(f"「{word}」" for word in found)
        raise ValidationError(
            f"含有禁用词{words}，请删改后再提交。", code="blocked_term"
        )
