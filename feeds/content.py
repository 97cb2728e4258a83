"""An article as feed item text: a summary, or the full body as plain HTML
built from the stored blocks (no templates, no image renditions)."""

from django.utils.html import escape, format_html, format_html_join
from wagtail.rich_text import expand_db_html


def list_items(value) -> list[str]:
    """A ListBlock's stored items: plain strings, or {"value": …} dicts."""
    return [
        item.get("value", "") if isinstance(item, dict) else item
        for item in value.get("items", [])
    ]


def summary(article) -> str:
    return article.standfirst or article.search_description or ""


def block_html(block_type: str, value) -> str:
    if block_type == "paragraph":
        return expand_db_html(value)
    if block_type == "thesis":
        return format_html(
            "<p><strong>{}</strong>{}</p>", value.get("lead", ""), value.get("text", "")
        )
    if block_type == "subheading":
        return format_html("<h2>{}</h2>", value)
    if block_type == "quote":
        cite = value.get("attribution", "")
        return format_html(
            "<blockquote><p>{}</p>{}</blockquote>",
            value.get("text", ""),
            format_html("<footer>{}</footer>", cite) if cite else "",
        )
    if block_type == "list":
        tag = "ol" if value.get("ordered") else "ul"
        items = format_html_join(
            "", "<li>{}</li>", ((item,) for item in list_items(value))
        )
        return f"<{tag}>{items}</{tag}>"
    if block_type == "image":
        caption = value.get("caption", "")
        return format_html("<p><em>[图] {}</em></p>", caption) if caption else ""
    return ""


def full_text(article) -> str:
    parts = []
    if article.standfirst:
        parts.append(f"<p><strong>{escape(article.standfirst)}</strong></p>")
    for block in article.body.raw_data:
        parts.append(block_html(block.get("type"), block.get("value")))
    return "".join(part for part in parts if part)
