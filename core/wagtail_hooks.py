from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "warning"
    menu_label = "敏感词"
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["text", "level", "note"]
    list_filter = ["level"]
    search_fields = ["text", "note"]


register_snippet(TermViewSet)
