"""Page cache settings with their defaults, read when needed (never at
import), so tests can override any of them."""

from django.conf import settings

DEFAULTS = {
    # Off: every page is rendered, but still sent with the public cache
    # headers below, so nginx can cache it.
    "PAGE_CACHE_ENABLED": True,
    # The Django cache alias holding pages (Redis in production).
    "PAGE_CACHE_ALIAS": "pages",
    # How long a shared cache (Django's, nginx) keeps a page. Publishing
    # purges what it changes at once; this only bounds what no purge rule
    # covers (another article's automatic related reading).
    "PAGE_CACHE_SECONDS": 600,
    # How long nginx answers from its copy before asking Django again (in
    # the background, while readers still get the copy; Django's page cache
    # answers). Purges reach nginx at once; this bounds what nginx cannot
    # be sent a purge for: a change that shows on every page.
    "PROXY_CACHE_SECONDS": 10,
    # Browsers revalidate every time (ETag / Last-Modified make that a 304),
    # so a reader never sees a page older than the server's.
    "PAGE_CACHE_BROWSER_SECONDS": 0,
    # Requests carrying one of these cookies get a fresh page: a session
    # (logged-in staff) or a pending message.
    "PAGE_CACHE_BYPASS_COOKIES": ["sessionid", "messages"],
    # Never cached, whatever the response says.
    "PAGE_CACHE_EXCLUDED_PREFIXES": [
        "/admin/",
        "/documents/",
        "/media/",
        "/static/",
        "/healthz",
        "/script/",
        "/feedback/",
    ],
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
