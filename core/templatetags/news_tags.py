from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext
from wagtail.models import Site

from core.models import SiteSettings

register = template.Library()


@register.filter
def cn_datetime(value) -> str:
    """2026年11月27日 16:49, in the site's time zone, zero-padded."""
    if not value:
        return ""
    return timezone.localtime(value).strftime(pgettext("strftime", "%Y-%m-%d %H:%M"))


@register.filter
def cn_date(value) -> str:
    if not value:
        return ""
    return timezone.localtime(value).strftime(pgettext("strftime", "%Y-%m-%d"))


@register.filter
def iso_datetime(value) -> str:
    """2026-11-27T16:49:00+08:00, for <time datetime> and structured data."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def share_links(context, page) -> dict:
    """Share targets that are plain links: no third-party script is loaded."""
    request = context["request"]
    path = page.get_url(request)
    url = request.build_absolute_uri(path)
    title = page.title
    encoded_url, encoded_title = quote(url, safe=""), quote(title, safe="")
    return {
        "url": url,
        "weibo": f"https://service.weibo.com/share/share.php?url={encoded_url}&title={encoded_title}",
        "qq": f"https://connect.qq.com/widget/shareqq/index.html?url={encoded_url}&title={encoded_title}",
        "qr_code": f"{reverse('share_qr_code')}?url={quote(path, safe='/')}",
    }


@register.simple_tag
def admin_site_name() -> str:
    """The site's name (站点设置 → 网站名称 of the default site), which the
    admin dashboard shows to everyone."""
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).site_name if site else ""
