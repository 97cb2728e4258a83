"""Which page a URL path leads to, from the render cache (core/render_cache.py).

Wagtail finds a page from the site's root down, a query or more a level,
and then checks the view restrictions of the page and its ancestors: four
or five queries before an article's own. The result changes only when a
page is published, unpublished, moved or deleted or a restriction changes,
all of which renew the render cache, so it is kept there: the site, the
page as routing fetched it (its parent too, as the column's route sets it)
and whether any restriction applies. A hit puts them where Wagtail looks
(request._wagtail_site, request._wagtail_route_for_request), and the rest
of Wagtail's serving runs unchanged."""

from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core import render_cache


def _find(request, path):
    site = Site.find_for_request(request)
    if site is None:
        return None
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    page._known_unrestricted = not page.get_view_restrictions().exists()
    if isinstance(page, RoutablePageMixin):
        # The view is a bound method and the resolver match holds patterns:
        # keep where the sub-path starts and resolve it again (no query).
        return (site, page, None, None)
    return (site, page, list(args), dict(kwargs))


def _sub_path(site, page, path: str) -> str:
    own = page.url_path[len(site.root_page.url_path) :]
    return "/" + path[len(own) :].lstrip("/")


def route_from_cache(request, path: str) -> None:
    """Set Wagtail's per-request route for this path from the render cache
    (computing and storing it on a miss)."""
    if not render_cache.enabled() or request.method not in ("GET", "HEAD"):
        return
    parts = ("route", request._get_raw_host(), request.get_port(), path, get_language())
    found = render_cache.cached(
        parts, lambda: _find(request, path), store=lambda value: value is not None
    )
    if found is None or hasattr(request, "_wagtail_route_for_request"):
        return  # not a page, or just routed by _find itself
    site, page, args, kwargs = found
    request._wagtail_site = site
    if args is None:
        match = page.resolve_subpage(_sub_path(site, page, path))
        request.routable_resolver_match = match
        view, view_args, view_kwargs = match
        request._wagtail_route_for_request = RouteResult(
            page, args=(view, view_args, view_kwargs)
        )
    else:
        request._wagtail_route_for_request = RouteResult(page, args, kwargs)


def serve(request, path):
    """Wagtail's page view, routed from the render cache."""
    route_from_cache(request, path)
    return wagtail_views.serve(request, path)
