"""{% rendercache "name" part … %}…{% endrendercache %}: a template fragment
kept under the render generation (core/render_cache.py), so it is rendered
again only after something readers see has changed: every purge renews the
generation. The parts say what else the fragment depends on (the page, a
page number of its own); the script variant (简体/繁體) and the language are
always part of the key. Never cached in a preview, or with the render cache
off. A fragment must not hold anything that differs per request (a CSRF
token, a nonce, the reader's own state)."""

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
        if not render_cache.enabled() or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = (
            "fragment",
            *(str(part.resolve(context)) for part in self.parts),
            getattr(request, "zh_script", ""),
            get_language(),
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
