import logging
import time

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from caching import policy
from caching.store import PageCache

STATUS_HEADER = "X-Page-Cache"
# One INFO line per page rendered on a page-cache miss (counted by the
# publish-storm row of bench/miss_hit_bench.py).
render_log = logging.getLogger("caching.render")


class PageCacheMiddleware:
    """Anonymous GET requests for public pages are answered from the page
    cache (caching/store.py); everything else passes through.

    It comes first in MIDDLEWARE: a hit costs two cache reads, no database
    query and no other middleware, and answers 304 to a matching
    If-None-Match / If-Modified-Since itself. A page is stored as the rest
    of the chain sent it out, with its security, CSP, Permissions-Policy,
    Vary and ETag headers. Staff are recognised by their session cookie and
    always get a fresh page; POSTs are never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = policy.bypass_reason(request)
        if reason is not None:
            response = self.get_response(request)
            if reason == "cookie":
                policy.mark_private(response)
            return response

        store = PageCache() if settings.PAGE_CACHE_ENABLED else None
        slot = store.slot_for(request) if store else None
        if slot is not None:
            cached = store.get(slot)
            if cached is not None:
                cached[STATUS_HEADER] = "hit"
                return conditional(request, cached)

        response = self.get_response(request)
        if slot is not None:
            render_log.info("page cache miss: rendered %s", request.path)
        if not policy.is_public_response(request, response):
            return response
        policy.add_public_headers(response, time.time())
        if slot is not None:
            store.save(slot, response, settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return conditional(request, response)


def conditional(request, response):
    """A 304 for a reader whose copy is current, else the page."""
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
