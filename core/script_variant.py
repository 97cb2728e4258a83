"""简/繁: pages in Traditional characters for readers who ask for them.

The choice lives in a cookie; the page is converted from the Simplified
HTML on its way out (OpenCC), so nothing stored ever changes. The same URL
serves both scripts, so every converted-or-convertible response says
`Vary: Cookie`; a shared cache keyed on the `zh_script` cookie value (see
docs/reader-pages.md, 简/繁) stays correct. Conversions are cached by
the hash of the Simplified HTML."""

import hashlib
import re

from django.core.cache import cache
from django.utils.cache import patch_vary_headers

from core.admin_path import admin_prefix
from core.text import to_reading_traditional

COOKIE_NAME = "zh_script"
TRADITIONAL = "hant"
SIMPLIFIED = "hans"
LANG = {SIMPLIFIED: "zh-Hans", TRADITIONAL: "zh-Hant"}
CACHE_SECONDS = 60 * 60
# Never converted: these and the admin (wherever WAGTAILADMIN_PATH puts it).
SKIPPED_PATHS = ("/documents/", "/media/", "/static/")
# What readers typed stays as typed: form fields are not converted.
KEEP_RE = re.compile(
    r"(<textarea\b.*?</textarea>|<input\b[^>]*>|<style\b.*?</style>)",
    re.IGNORECASE | re.DOTALL,
)


def chosen_script(request) -> str:
    value = request.COOKIES.get(COOKIE_NAME)
    return TRADITIONAL if value == TRADITIONAL else SIMPLIFIED


def convert_html(html: str) -> str:
    key = "zh-hant:" + hashlib.sha256(html.encode()).hexdigest()
    converted = cache.get(key)
    if converted is None:
        parts = KEEP_RE.split(html)
        converted = "".join(
            part if index % 2 else to_reading_traditional(part)
            for index, part in enumerate(parts)
        )
        cache.set(key, converted, CACHE_SECONDS)
    return converted


class ScriptVariantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith((admin_prefix(), *SKIPPED_PATHS)):
            return self.get_response(request)
        request.zh_script = chosen_script(request)
        request.zh_lang = LANG[request.zh_script]
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        patch_vary_headers(response, ["Cookie"])
        if request.zh_script == TRADITIONAL and not response.streaming:
            charset = response.charset or "utf-8"
            html = convert_html(response.content.decode(charset))
            response.content = html.encode(charset)
            response["Content-Language"] = LANG[TRADITIONAL]
        return response
