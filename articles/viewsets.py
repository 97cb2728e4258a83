from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Author, BylineRole, Source


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "作者"
    list_display = ["name", "title", "slug"]
    search_fields = ["name", "title"]


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "globe"
    menu_label = "来源"
    list_display = ["name", "url", "approved_for_reprint"]
    list_filter = ["approved_for_reprint"]


class BylineRoleViewSet(SnippetViewSet):
    model = BylineRole
    icon = "tag"
    menu_label = "署名身份"
    list_display = ["name", "sort_order"]


class NewsroomViewSetGroup(ViewSetGroup):
    items = (AuthorViewSet, SourceViewSet, BylineRoleViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "采编资料"
    menu_order = 200
