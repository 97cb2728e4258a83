"""Admin: verified readers (nickname, last four digits, consents; the
number's hash is never shown) and the three rules documents (snippets)."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from readers.models import Reader, ReaderDocument
from security.spreadsheet import SafeSpreadsheetExportMixin


def may_export_readers(user) -> bool:
    """Only the site administrator role (superusers) exports readers."""
    return bool(user.is_active and user.is_superuser)


class ReaderIndexView(SafeSpreadsheetExportMixin, IndexView):
    export_filename = "verified-readers"
    export_headings = {
        "pk": "ID",
        "nickname": _("nickname"),
        "phone_last4": _("last four digits"),
        "is_active": _("may comment"),
        "created_at": _("verified first"),
        "verified_at": _("verified last"),
    }

    def get(self, request, *args, **kwargs):
        if self.is_export and not may_export_readers(request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def list_export(self):
        return (
            list(self.export_headings) if may_export_readers(self.request.user) else []
        )

    @cached_property
    def show_export_buttons(self):
        return may_export_readers(self.request.user)


class ReaderViewSet(SnippetViewSet):
    model = Reader
    icon = "user"
    menu_label = _("Verified readers")
    menu_name = "verified_readers"
    add_to_admin_menu = False
    index_view_class = ReaderIndexView
    search_fields = ["nickname", "phone_last4"]
    search_backend_name = None
    list_display = [
        "__str__",
        "phone_last4",
        "is_active",
        DateColumn("created_at", label=_("verified first"), sort_key="created_at"),
    ]
    panels = [FieldPanel("nickname", read_only=True), FieldPanel("is_active")]
    copy_view_enabled = False
    inspect_view_enabled = False

    def register_chooser_viewset(self):
        """Nothing chooses a reader."""


class ReaderDocumentViewSet(SnippetViewSet):
    model = ReaderDocument
    icon = "doc-full"
    menu_label = _("Comment rules and agreements")
    copy_view_enabled = False


register_snippet(ReaderViewSet)
register_snippet(ReaderDocumentViewSet)
