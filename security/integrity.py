"""Content integrity: every element of a rendered page that can run code or
send a reader elsewhere must come from the templates' allow-list or from
content an editor entered through the CMS; no page may carry a blocked term.

This catches the reference site's defacement, spam links injected into a
template's footer, and anything else that reaches a page around the CMS
(a tampered template, setting, database row or static file)."""

import json
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings

# Apps add checks of their own data to `manage.py check_content` through this
# Wagtail hook: a function taking no arguments and returning a list of
# problems (strings), empty when all is well.
CONTENT_CHECKS_HOOK = "content_checks"

URL_RE = re.compile(r"""(?:https?:)?//[^\s"'<>\\]+""", re.IGNORECASE)
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
FRAME_TAGS = {"iframe", "frame", "object", "embed", "applet"}
URL_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "form": "action",
    "script": "src",
}
TEXT_ATTRIBUTES = {"title", "alt", "content", "aria-label", "placeholder", "value"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
SKIP_TEXT_TAGS = {"script", "style"}


@dataclass
class ScannedPage:
    scripts: list[dict] = field(default_factory=list)
    frames: list[tuple[str, str]] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)
    event_handlers: list[tuple[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class PageScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ScannedPage()
        self._open_script = None
        self._skip_text = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.page.event_handlers.append((tag, f"{name}={value[:60]}"))
            if name in TEXT_ATTRIBUTES:
                self.page.text.append(value)
        if tag in FRAME_TAGS:
            source = attributes.get("src") or attributes.get("data") or ""
            self.page.frames.append((tag, source))
        if (url_attribute := URL_ATTRIBUTES.get(tag)) and attributes.get(url_attribute):
            self.page.urls.append((tag, attributes[url_attribute].strip()))
        if tag == "script":
            self._open_script = {
                "src": attributes.get("src", "").strip(),
                "type": attributes.get("type", "").strip().lower(),
                "code": "",
            }
            self.page.scripts.append(self._open_script)
        if tag in SKIP_TEXT_TAGS:
            self._skip_text += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP_TEXT_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open_script = None
        if tag in SKIP_TEXT_TAGS and self._skip_text:
            self._skip_text -= 1

    def handle_data(self, data):
        if self._open_script is not None:
            self._open_script["code"] += data
            if self._open_script["type"] in DATA_SCRIPT_TYPES:
                self.page.text.append(data)
        elif not self._skip_text:
            self.page.text.append(data)


def scan(html: str) -> ScannedPage:
    scanner = PageScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page


def urls_in(data) -> set[str]:
    """Every absolute URL in a piece of CMS content (any JSON-able data)."""
    text = unescape(json.dumps(data, ensure_ascii=False, default=str))
    return {normalise_url(url) for url in URL_RE.findall(text)}


def normalise_url(url: str) -> str:
    return unescape(url).strip().rstrip(".,;)")


class IntegrityPolicy:
    """What a page may contain: own-site URLs, the templates' allow-list
    (settings.CONTENT_CHECK_ALLOWED_URL_PREFIXES), URLs editors entered
    (`editor_urls`), and no blocked term."""

    def __init__(self, *, own_hosts, editor_urls, blocked_terms):
        self.own_hosts = {host.lower() for host in own_hosts}
        self.editor_urls = set(editor_urls)
        self.blocked_terms = blocked_terms
        self.allowed_prefixes = tuple(settings.CONTENT_CHECK_ALLOWED_URL_PREFIXES)
        self.allowed_frame_hosts = set(settings.CONTENT_CHECK_ALLOWED_FRAME_HOSTS)
        self.static_prefix = settings.STATIC_URL

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme.lower() not in SAFE_SCHEMES:
            return False
        return not parts.netloc or parts.hostname in self.own_hosts

    def is_allowed(self, url: str) -> bool:
        url = normalise_url(url)
        if urlsplit(url).scheme.lower() not in SAFE_SCHEMES:
            return False
        if urlsplit(url).scheme.lower() in {"mailto", "tel"} or self.is_own(url):
            return True
        return url in self.editor_urls or url.startswith(self.allowed_prefixes)

    def problems(self, html: str) -> list[str]:
        page = scan(html)
        found = []
        for script in page.scripts:
            if script["type"] in DATA_SCRIPT_TYPES and not script["src"]:
                continue
            if not script["src"]:
                found.append(f"inline <script>: {script['code'].strip()[:80]!r}")
            elif not (
                self.is_own(script["src"])
                and urlsplit(script["src"]).path.startswith(self.static_prefix)
            ):
                found.append(
                    f"<script> from outside the site's static files: {script['src']}"
                )
        for tag, source in page.frames:
            host = urlsplit(source).hostname
            if host not in self.allowed_frame_hosts:
                found.append(
                    f"<{tag}> not from an allowed host: {source or '(no src)'}"
                )
        for tag, handler in page.event_handlers:
            found.append(f"event-handler attribute on <{tag}>: {handler}")
        for tag, url in page.urls:
            if tag == "script":
                continue
            if not self.is_allowed(url):
                found.append(f"<{tag}> to a URL no editor entered: {url}")
        if self.blocked_terms:
            terms = self.blocked_terms.found_in(*page.text)
            found.extend(f"blocked term: {term.text}" for term in terms)
        return found
