import io

import qrcode
import qrcode.image.svg
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

MAX_QR_URL_LENGTH = 500


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
