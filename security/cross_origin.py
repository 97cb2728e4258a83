"""Cross-site request protection for forms on cached pages.

A cached page is the same for every reader, so it cannot carry a reader's
own CSRF token, and a token from whoever filled the cache would fail (and
leak). What stops a cross-site POST instead is what browsers say about
where a request comes from: Sec-Fetch-Site (every current browser), else
Origin; a POST with neither is refused. This is the check Go's
net/http.CrossOriginProtection makes, made strict about missing headers."""

from functools import wraps

from django.conf import settings
from django.http import HttpResponseForbidden
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
REFUSAL = _(
    "Please submit the form from this site's pages. "
    "(A cross-site submission was refused.)"
)


def is_cross_origin(request) -> bool:
    if request.method in SAFE_METHODS:
        return False
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        # Browsers send Origin with every POST; a request with neither header
        # carries no proof of where it comes from and is refused, as a
        # missing CSRF token would be (Django's test client opts out the way
        # it does for the token check).
        return not getattr(request, "_dont_enforce_csrf_checks", False)
    # Scheme and host both: http://host is another origin than https://host
    # (a page on plain HTTP may be anyone's, on the way).
    own = f"{request.scheme}://{request.get_host()}"
    return origin not in {own, *settings.CSRF_TRUSTED_ORIGINS}


def cross_origin_protected(view):
    """Instead of Django's token check (csrf_exempt): refuse cross-site
    POSTs by the browser's own headers."""

    @wraps(view)
    def protected(request, *args, **kwargs):
        if is_cross_origin(request):
            return HttpResponseForbidden(
                REFUSAL, content_type="text/plain; charset=utf-8"
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(protected)
