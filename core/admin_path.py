"""Where the Wagtail admin lives: WAGTAILADMIN_PATH (site/urls.py mounts the
admin there). Middleware that treats the admin apart asks this, at request
time, rather than hard-coding "/admin/"."""

from django.conf import settings


def admin_prefix() -> str:
    """The admin's path prefix, with both slashes: "/admin/" by default."""
    return "/" + settings.WAGTAILADMIN_PATH.strip("/") + "/"
