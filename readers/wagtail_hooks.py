"""Admin: verified readers (nickname, last four digits, consents; the
number's hash is never shown) and the three rules documents (snippets)."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from readers import admin_urls, standing
from readers.admin_views import may_see_credit
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
        Column("standing", label=_("credit state"), accessor="get_standing_display"),
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


@hooks.register("register_admin_urls")
def credit_urls():
    return [path("readers/credit/", include(admin_urls))]


@hooks.register("register_snippet_listing_buttons")
def credit_button(snippet, user, next_url=None):
    if isinstance(snippet, Reader) and may_see_credit(user):
        url = reverse("readers_credit:credit", args=[snippet.pk])
        yield ListingButton(_("Credit and sanctions"), url, icon_name="user")


@hooks.register("register_newsroom_role_permissions")
def sanction_permissions():
    return standing.SANCTION_ROLES


class CreditMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_credit(request.user)


@hooks.register("register_settings_menu_item")
def credit_menu_item():
    return CreditMenuItem(
        _("Commenters' credit"),
        reverse("readers_credit:index"),
        icon_name="user",
        order=895,
    )
