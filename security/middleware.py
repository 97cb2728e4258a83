from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template import loader

from core.admin_path import admin_prefix
from security.multipart import multipart_is_utf8


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict one (no inline script) for
    everything public, ADMIN_CONTENT_SECURITY_POLICY under the admin's path,
    whose own templates carry inline scripts, and for previews (rendered by
    Wagtail through a dummy request to the page's public URL, then shown in
    the admin's own iframe)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        admin = is_admin_path(request) or getattr(request, "is_dummy", False)
        if not report_only and parts.config is None and admin:
            directives = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            return PolicyParts(
                default_config(directives), parts.update, parts.replace, parts.nonce
            )
        return parts


def is_admin_path(request) -> bool:
    return request.path_info.startswith(admin_prefix())


class RejectInvalidEncodingMiddleware:
    """A query string or form body that is not UTF-8 is answered 400 at once,
    rather than decoded into replacement characters and stored: url-encoded
    bodies as bytes, multipart bodies field by field (security/multipart.py).

    So is a NUL character (decoded) in the path, the query string or a form
    value: no reader types one, and PostgreSQL refuses any string holding it
    (psycopg raises), so every lookup it reached would be a 500. Refused here,
    once, rather than in each view."""

    FORM = "application/x-www-form-urlencoded"
    MULTIPART = "multipart/form-data"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return bad_request(request)
        if not is_clean(request.META.get("QUERY_STRING", "")):
            return bad_request(request)
        if request.content_type == self.FORM and not is_clean(request.body):
            return bad_request(request)
        # Before anything reads request.POST: the check reads the raw body.
        if request.content_type == self.MULTIPART and not multipart_is_utf8(request):
            return bad_request(request)
        if request.content_type == self.MULTIPART and any(
            "\x00" in name or "\x00" in value
            for name, values in request.POST.lists()
            for value in values
        ):
            return bad_request(request)
        return self.get_response(request)


def is_clean(encoded: str | bytes) -> bool:
    """A query string or form body that decodes to UTF-8 without a NUL."""
    if isinstance(encoded, str):
        encoded = encoded.encode("latin-1", "replace")
    try:
        decoded = unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in decoded


def bad_request(request):
    return HttpResponseBadRequest(loader.render_to_string("400.html"))
