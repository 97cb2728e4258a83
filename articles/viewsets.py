from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Author, BylineRole, Source


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "title", "slug"]
    search_fields = ["name", "title"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = _("Sources")
    list_display = ["name", "url", "approved_for_reprint"]
    list_filter = ["approved_for_reprint"]


class BylineRoleViewSet(SnippetViewSet):
    model = BylineRole
    icon = "tag"
    menu_label = _("Byline roles")
    list_display = ["name", "sort_order"]


class NewsroomViewSetGroup(ViewSetGroup):
    items = (AuthorViewSet, SourceViewSet, BylineRoleViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Newsroom data")
    menu_order = 200
