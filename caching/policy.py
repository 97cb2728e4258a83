"""Which requests and responses the page cache handles, and the headers a
public page goes out with."""

from django.conf import settings
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from core.admin_path import admin_prefix

CACHEABLE_METHODS = ("GET", "HEAD")
# 410: a retracted article's tombstone (articles/models/withdrawal.py) is the
# same for every reader until a restore purges it.
CACHEABLE_STATUS = (200, 410)
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")


def _excluded_prefixes() -> tuple[str, ...]:
    # The admin wherever WAGTAILADMIN_PATH puts it, even if a deployment's
    # own list of prefixes leaves it out.
    return (admin_prefix(), *settings.PAGE_CACHE_EXCLUDED_PREFIXES)


def bypass_reason(request) -> str | None:
    """Why this request must get a page of its own, or None."""
    if request.method not in CACHEABLE_METHODS:
        return "method"
    if any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES):
        return "cookie"
    if request.path.startswith(_excluded_prefixes()):
        return "path"
    return None


def is_public_response(request, response) -> bool:
    """A response every anonymous reader of this URL may be given."""
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return False
    # A cookie, or a CSRF token in the HTML, belongs to one reader only.
    if response.cookies or "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in UNCACHEABLE_DIRECTIVES)


def add_public_headers(response, now: float) -> None:
    """Cache-Control for browsers and shared caches (nginx), an ETag and a
    Last-Modified, unless the view chose its own."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
        )
    if not response.has_header("X-Accel-Expires"):
        # nginx only (it takes this over s-maxage and hides it from readers).
        response["X-Accel-Expires"] = str(settings.PROXY_CACHE_SECONDS)
    if not response.has_header("Last-Modified"):
        # Every change a reader can see purges the page, so the page as
        # rendered now is unchanged since now.
        response["Last-Modified"] = http_date(now)
    if not response.has_header("ETag"):
        set_response_etag(response)


def mark_private(response) -> None:
    """A page made for one reader (staff): no shared cache may keep it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
