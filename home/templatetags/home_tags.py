from django import template
from wagtail.models import Site

from home.models import HomePage

register = template.Library()


@register.simple_tag(takes_context=True)
def tag_url(context, tag) -> str:
    """The public URL of a tag's article list, served by the front page."""
    request = context.get("request")
    cache_owner = request if request is not None else context
    home = getattr(cache_owner, "_home_page", None)
    if home is None:
        # Routing the request loaded the site's root page already.
        site = Site.find_for_request(request) if request is not None else None
        root = site.root_page.specific if site is not None else None
        if not isinstance(root, HomePage):
            root = HomePage.objects.live().first()
        home = root or False
        cache_owner._home_page = home
    return home.tag_url(tag) if home else ""
