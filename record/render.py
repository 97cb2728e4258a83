"""What an anonymous reader is shown of a page, as the record keeps it: the
page rendered by its own serve() for a request from nobody in particular,
cut down to its <article> element (the article itself: no header, footer,
comments or related reading, which belong to the page around it)."""

import re
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory

ARTICLE_TAG = re.compile(r"<(/?)article\b[^>]*>", re.IGNORECASE)


def anonymous_request(page):
    """A GET of the page's address on its own site, by a reader with no
    cookies: what a new visitor would be sent."""
    _site_id, root_url, path = page.get_url_parts()
    scheme, netloc, *_ = urlsplit(root_url)
    request = RequestFactory().get(
        path, HTTP_HOST=netloc, secure=scheme == "https", HTTP_ACCEPT="text/html"
    )
    request.user = AnonymousUser()
    return request


def article_element(html: str) -> str:
    """The first <article> element of a document, with what it holds (nested
    <article>s included); "" if there is none."""
    depth, start = 0, None
    for match in ARTICLE_TAG.finditer(html):
        closing = bool(match.group(1))
        if not closing:
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                return html[start : match.end()]
    return ""


def render_article(page) -> tuple[int, str]:
    """(status, <article> HTML) as a reader is served the page now. A page
    readers cannot get (taken down: 404) is (404, "")."""
    if page.get_url_parts() is None:
        return 404, ""
    request = anonymous_request(page)
    try:
        response = page.serve(request)
    except Http404:
        return 404, ""
    if hasattr(response, "render"):
        response.render()
    content = response.content.decode(response.charset or "utf-8")
    return response.status_code, article_element(content)
