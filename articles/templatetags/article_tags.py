from django import template

from articles.models.authors import author_page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public URL of an author, looking the author index up once a request."""
    request = context.get("request")
    return author_page_url(author, request if request is not None else context)
