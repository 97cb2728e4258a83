import io

import qrcode
import qrcode.image.svg
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.script_variant import COOKIE_NAME, LANG

MAX_QR_URL_LENGTH = 500
SCRIPT_COOKIE_AGE = 365 * 24 * 60 * 60


@require_GET
@cache_control(public=True, max_age=86400)
def share_qr_code(request):
    """An SVG QR code of one of this site's URLs, for sharing to WeChat."""
    url = request.GET.get("url", "")
    if not url or len(url) > MAX_QR_URL_LENGTH:
        return HttpResponseBadRequest("缺少或过长的链接参数 url")
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=False
    ):
        return HttpResponseBadRequest("只能为本站链接生成二维码")
    if url.startswith("/"):
        url = request.build_absolute_uri(url)
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_GET
def choose_script(request, script):
    """Remember 简 or 繁 in a cookie and go back to the page the reader was on."""

    if script not in LANG:
        return HttpResponseBadRequest("未知的字体选项")
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
        "Disallow: /feedback/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
