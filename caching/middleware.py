import time

from django.conf import settings

from caching import policy
from caching.store import PageCache

STATUS_HEADER = "X-Page-Cache"


class PageCacheMiddleware:
    """Anonymous GET requests for public pages are answered from the page
    cache (caching/store.py); everything else passes through.

    It sits before the session and authentication middleware: a hit costs
    two cache reads and no database query. Staff are recognised by their
    session cookie and always get a fresh page; POSTs are never cached."""

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
                return cached

        response = self.get_response(request)
        if not policy.is_public_response(request, response):
            return response
        policy.add_public_headers(response, time.time())
        if slot is not None:
            store.save(slot, response, settings.PAGE_CACHE_SECONDS)
            response[STATUS_HEADER] = "miss"
        return response
