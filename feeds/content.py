"""An article as feed item text: a summary, or the full body as plain HTML
(each block's feed_html, read from the stored blocks: no templates, no image
renditions)."""

from django.utils.html import escape, strip_tags
from django.utils.text import Truncator

EXCERPT_LENGTH = 120


def summary(article) -> str:
    """The standfirst, else the search description, else the body's start."""
    return article.standfirst or article.search_description or excerpt(article)


def excerpt(article) -> str:
    html = article.body.stream_block.feed_html(article.body)
    text = " ".join(strip_tags(html).split())
    return Truncator(text).chars(EXCERPT_LENGTH)


def full_text(article) -> str:
    parts = []
    if article.standfirst:
        parts.append(f"<p><strong>{escape(article.standfirst)}</strong></p>")
    parts.append(article.body.stream_block.feed_html(article.body))
    return "".join(part for part in parts if part)
