from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def private_page(request, template, context, status=200):
    """A page with a reader's own data: never indexed or cached, and its URL
    (the tracking link is its own password) never sent as Referer to another
    site. "same-origin", not "no-referrer": with no referrer at all, browsers
    send `Origin: null` on the page's own forms, which CSRF checks refuse."""
    response = render(request, template, {**context, "noindex": True}, status=status)
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
