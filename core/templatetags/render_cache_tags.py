"""{% rendercache "name" part … %}…{% endrendercache %}: a template fragment
kept under the render generation (core/render_cache.py), so it is rendered
again only after something readers see has changed: every purge renews the
generation. The parts say what else the fragment depends on (the page, a
page number of its own); the script variant (简体/繁體), the language and
the address the request came in on (absolute URLs) are always part of the
key. Never cached in a preview, with the render cache off, or when a part is
None (a list with no name of its own, such as search results). A fragment
must not hold anything that differs per request (a CSRF token, a nonce, the
reader's own state, links that keep the request's query string)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import render_cache

register = template.Library()


class RenderCacheNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        parts = [part.resolve(context) for part in self.parts]
        if (
            not render_cache.enabled()
            or getattr(request, "is_preview", False)
            or None in parts
        ):
            return self.nodelist.render(context)
        key = (
            "fragment",
            *map(str, parts),
            getattr(request, "zh_script", ""),
            get_language(),
            *((request.scheme, request.get_host()) if request is not None else ()),
        )
        # One read of the generation per request, however many fragments.
        generation = getattr(request, "render_generation", None)
        if generation is None:
            generation = render_cache.generation()
            if request is not None:
                request.render_generation = generation
        return mark_safe(  # noqa: S308 - the template's own output, as rendered
            render_cache.cached(
                key,
                lambda: str(self.nodelist.render(context)),
                generation=generation,
            )
        )


@register.tag("rendercache")
def rendercache(parser, token):
    parts = token.split_contents()[1:]
    if not parts:
        raise template.TemplateSyntaxError(
            "rendercache needs a fragment name: {% rendercache 'name' … %}"
        )
    nodelist = parser.parse(("endrendercache",))
    parser.delete_first_token()
    return RenderCacheNode(nodelist, [parser.compile_filter(part) for part in parts])
