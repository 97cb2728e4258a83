from django import template

from articles import structured_data
from articles.models.authors import author_page_url
from core.templatetags.seo_tags import json_ld

register = template.Library()

PROFILE_PHOTO = "fill-480x480|format-jpeg"


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public URL of an author, looking the author index up once a request."""
    request = context.get("request")
    return author_page_url(author, request if request is not None else context)


@register.simple_tag(takes_context=True)
def author_profile_json_ld(context, author) -> str:
    photo = author.photo.get_rendition(PROFILE_PHOTO) if author.photo_id else None
    return json_ld(
        structured_data.author_profile_json_ld(author, context["request"], photo=photo)
    )


@register.simple_tag(takes_context=True)
def article_list_json_ld(context, articles, name) -> str:
    return json_ld(
        structured_data.article_list_json_ld(articles, context["request"], name=name)
    )
