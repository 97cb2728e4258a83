"""Canonical URLs, meta descriptions and JSON-LD for every public page."""

import json

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core import structured_data
from core.models import SiteSettings
from core.pagination import page_number

register = template.Library()

DESCRIPTION_LENGTH = 120
JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's one URL: no tracking parameters, ?page= only past page 1."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    number = page_number(request.GET.get("page", ""))
    if number is not None and number > 1:
        url += f"?page={number}"
    return url


@register.simple_tag(takes_context=True)
def meta_description(context, *candidates, default="") -> str:
    """The first non-empty candidate (or the page's own description, intro,
    else `default`), as plain text of a search-result length."""
    page = context.get("page")
    if page is not None:
        candidates = (
            *candidates,
            getattr(page, "search_description", ""),
            getattr(page, "standfirst", ""),
            getattr(page, "intro", ""),
        )
    for candidate in (*candidates, default):
        text = " ".join(strip_tags(str(candidate or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


class ScriptJson:
    """JSON for a <script> element. HTML entities mean nothing inside
    <script>, so the text is not HTML-escaped; instead <, > and & are
    written as JSON unicode escapes, and nothing can close the element."""

    def __init__(self, data):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.text = text.translate(JSON_ESCAPES)

    def __html__(self) -> str:
        return self.text


@register.simple_tag
def json_ld(data) -> str:
    """<script type="application/ld+json"> with data, safe inside HTML."""
    return format_html(
        '<script type="application/ld+json">{}</script>', ScriptJson(data)
    )


@register.simple_tag(takes_context=True)
def absolute_url(context, url) -> str:
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


def crumb_title_and_url(crumb) -> tuple[str, str]:
    if isinstance(crumb, dict):
        return crumb["title"], crumb["url"]
    return crumb.title, crumb.url


@register.simple_tag(takes_context=True)
def breadcrumb_items(context, crumbs) -> list[dict]:
    """The visible breadcrumb: the site's home, then each crumb."""
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request is not None else None
    items = [{"title": getattr(site_settings, "site_name", _("Home")), "url": "/"}]
    for crumb in crumbs or []:
        title, url = crumb_title_and_url(crumb)
        items.append({"title": title, "url": url})
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, items, current="") -> str:
    """BreadcrumbList of the visible trail, ending at the page itself
    (`current`, else the page's title, at its canonical URL)."""
    request = context["request"]
    items = list(items)
    if items and items[-1]["url"] != request.path:
        page = context.get("page")
        title = current or getattr(page, "title", "")
        if title:
            items.append({"title": title, "url": canonical_url(context)})
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": item["title"],
                    "item": request.build_absolute_uri(item["url"]),
                }
                for position, item in enumerate(items, start=1)
            ],
        }
    )


@register.simple_tag(takes_context=True)
def og_locale(context) -> str:
    return structured_data.OG_LOCALES[
        structured_data.page_language(context.get("request"))
    ]


@register.simple_tag(takes_context=True)
def site_image_url(context) -> str:
    return structured_data.site_image_url(context.get("request"))


@register.simple_tag(takes_context=True)
def front_page_json_ld(context) -> str:
    request = context["request"]
    site_settings = SiteSettings.for_request(request)
    return json_ld(structured_data.front_page(request, site_settings))
