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
