import io
from urllib.parse import unquote, urlsplit

import qrcode
import qrcode.image.svg
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.script_variant import COOKIE_NAME, LANG

MAX_QR_URL_LENGTH = 500
SCRIPT_COOKIE_AGE = 365 * 24 * 60 * 60


@require_GET
@cache_control(public=True, max_age=86400)
def share_qr_code(request):
    """An SVG QR code of one of this site's live, public pages, for sharing
    to WeChat: never of other text, which a QR code served (and cached) from
    this site would vouch for."""
    url = request.GET.get("url", "")
    if not url or len(url) > MAX_QR_URL_LENGTH:
        return HttpResponseBadRequest(_("The url parameter is missing or too long"))
    page_url = shareable_url(request, url)
    if page_url is None:
        return HttpResponseBadRequest(
            _("QR codes are made only for this site's public pages")
        )
    image = qrcode.make(
        page_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def shareable_url(request, url: str) -> str | None:
    """The absolute URL of `url` if it is a path (or URL) on this site that
    Wagtail serves as a live page without view restrictions, else None.

    It is routed as Wagtail's serve view would route it; a routable page's
    sub-route (an author, a tag, an archive month) counts if its view finds
    what it shows. A query string or fragment is refused: a QR code holds
    the page's own address and nothing else."""
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=False
    ):
        return None
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.query or parts.fragment or not path.startswith("/"):
        return None
    try:
        if resolve(path).url_name != "wagtail_serve":
            return None
    except Resolver404:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        page, args, kwargs = site.root_page.localized.specific.route(
            request, components
        )
        # A retracted or taken-down article (articles/): no QR code of it.
        if getattr(page, "is_withdrawn", False):
            return None
        if not page.live or page.get_view_restrictions().exists():
            return None
        # A routable page's view, called: it raises Http404 for an author or
        # tag that does not exist. Its response is not rendered.
        if args and page.serve(request, *args, **kwargs).status_code != 200:
            return None
    except Http404:
        return None
    return request.build_absolute_uri(path)


@require_GET
def choose_script(request, script):
    """Remember 简 or 繁 in a cookie and go back to the page the reader was on."""

    if script not in LANG:
        return HttpResponseBadRequest(_("Unknown script choice"))
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        COOKIE_NAME,
        script,
        max_age=SCRIPT_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    add_never_cache_headers(response)
    return response


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /script/",
        "Disallow: /share/",
        # The feedback figures are public; the rest of /feedback/ (forms,
        # private tracking pages) is not for search engines.
        "Allow: /feedback/figures/",
        "Disallow: /feedback/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    """/favicon.ico, for clients that ask for it without reading the page's
    <link rel="icon">: the hashed static file."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
