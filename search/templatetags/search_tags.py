from django import template

from core.text import join_words
from search import highlight as marking

register = template.Library()


def body_text(article) -> str:
    """The standfirst and the body's words, read from the stored blocks
    (ArticleBodyBlock.plain_text): no block is rendered and no image is
    fetched, so listing excerpts cost no queries."""
    parts = [article.standfirst, article.body.stream_block.plain_text(article.body)]
    return join_words(parts)


@register.filter
def highlight(text, query):
    return marking.highlight(str(text or ""), query or "")


@register.simple_tag
def search_excerpt(article, query):
    return marking.highlight(marking.excerpt(body_text(article), query), query)
