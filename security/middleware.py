from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict one (no inline script) for
    everything public, ADMIN_CONTENT_SECURITY_POLICY under the admin's path,
    whose own templates carry inline scripts."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            directives = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            return PolicyParts(
                default_config(directives), parts.update, parts.replace, parts.nonce
            )
        return parts


def is_admin_path(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))
