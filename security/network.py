"""The client's address, as far as this site can trust it."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or the header named by TRUSTED_PROXY_IP_HEADER when the
    site runs behind a proxy that sets it (nginx: X-Real-IP). Never a header
    the client could choose itself unless a proxy overwrites it."""
    header = settings.TRUSTED_PROXY_IP_HEADER
    if header:
        forwarded = request.META.get(header, "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
