from django import template
from django.utils.html import strip_tags

from feeds.content import list_items
from search import highlight as marking

register = template.Library()

TEXT_BLOCKS = {"paragraph", "thesis", "quote", "list", "subheading"}


def body_text(article) -> str:
    """The article's words from its raw body data: no block is rendered and
    no image is fetched, so listing excerpts cost no queries."""
    parts = [article.standfirst]
    for block in article.body.raw_data:
        if block.get("type") not in TEXT_BLOCKS:
            continue
        value = block.get("value")
        if block["type"] == "list":
            value = " ".join(list_items(value))
        elif isinstance(value, dict):
            value = " ".join(str(item) for item in value.values() if item)
        parts.append(strip_tags(str(value)))
    return " ".join(part for part in parts if part)


@register.filter
def highlight(text, query):
    return marking.highlight(str(text or ""), query or "")


@register.simple_tag
def search_excerpt(article, query):
    return marking.highlight(marking.excerpt(body_text(article), query), query)
