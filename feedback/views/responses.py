from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def private_page(request, template, context, status=200):
    """A page with a reader's own data: never indexed, cached or leaked in a
    Referer header (the tracking link is its own password)."""
    response = render(request, template, {**context, "noindex": True}, status=status)
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
