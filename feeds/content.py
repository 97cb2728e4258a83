"""An article as feed item text: a summary, or the full body as plain HTML
(each block's feed_html, read from the stored blocks: no templates, no image
renditions)."""

from django.utils.html import escape


def summary(article) -> str:
    return article.standfirst or article.search_description or ""


def full_text(article) -> str:
    parts = []
    if article.standfirst:
        parts.append(f"<p><strong>{escape(article.standfirst)}</strong></p>")
    parts.append(article.body.stream_block.feed_html(article.body))
    return "".join(part for part in parts if part)
