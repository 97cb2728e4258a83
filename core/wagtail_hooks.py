from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Term
from core.purging import URLS_SHOWING_PAGE


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "warning"
    menu_label = _("Sensitive terms")
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["text", "level", "note"]
    list_filter = ["level"]
    search_fields = ["text", "note"]


register_snippet(TermViewSet)


@hooks.register(URLS_SHOWING_PAGE)
def sitemap(page, cache_object):
    """The sitemap lists every public page: a page published, unpublished,
    retracted or taken down changes it."""
    try:
        return {reverse("sitemap")}
    except NoReverseMatch:  # a URLconf without the sitemap (some tests)
        return set()
