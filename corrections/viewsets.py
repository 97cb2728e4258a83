"""The admin's 更正与追记: a list of the corrections of the columns a person
covers, a form to draft one (opened from an article's header with the
article filled in), and the approval page for the column's approvers."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
)

from core.people import display_name
from corrections import actions
from corrections.forms import CorrectionForm
from corrections.models import Correction
from corrections.permissions import visible_to


class VisibleOnly:
    """Every view on one correction looks it up among those the person may
    see: any other id is not found (404)."""

    def get_base_object_queryset(self):
        return visible_to(super().get_base_object_queryset(), self.request.user)


class DraftsOnly(VisibleOnly):
    """Edit and delete: a public correction, or a draft of someone else's
    column, is refused (403)."""

    def get_object(self, *args, **kwargs):
        correction = super().get_object(*args, **kwargs)
        if not actions.may_edit(self.request.user, correction):
            raise PermissionDenied
        return correction


def article_title(correction) -> str:
    return correction.article.title


def column_title(correction) -> str:
    column = correction.article.listed_column
    return column.title if column else ""


class CorrectionIndexView(IndexView):
    def get_base_queryset(self):
        corrections = (
            super()
            .get_base_queryset()
            .select_related("article", "article__listed_column")
        )
        return visible_to(corrections, self.request.user)

    def get_edit_url(self, instance):
        if actions.may_edit(self.request.user, instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if actions.may_edit(self.request.user, instance):
            return super().get_delete_url(instance)
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if actions.may_approve(self.request.user, instance):
            buttons.insert(
                0,
                ListingButton(
                    _("Approve"),
                    reverse(
                        "wagtailsnippets_corrections_correction:approve",
                        args=[quote(instance.pk)],
                    ),
                    icon_name="check",
                    priority=5,
                ),
            )
        return buttons


class CorrectionCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        article = self.request.GET.get("article", "")
        if article.isdigit():
            initial["article"] = int(article)
        return initial


class CorrectionEditView(DraftsOnly, EditView):
    pass


class CorrectionDeleteView(DraftsOnly, DeleteView):
    pass


class ApproveView(BaseObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """The approver reads the correction next to its article and approves."""

    model = Correction
    template_name = "corrections/admin/approve.html"
    page_title = _("Approve a correction or update")
    header_icon = "check"
    index_url_name = "wagtailsnippets_corrections_correction:list"
    _show_breadcrumbs = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not actions.may_approve(request.user, self.object):
            raise PermissionDenied

    def get_base_object_queryset(self):
        return visible_to(
            Correction.objects.select_related("article", "created_by", "revision"),
            self.request.user,
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": _("Corrections and updates"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["correction"] = self.object
        context["drafted_by"] = display_name(self.object.created_by)
        return context

    def post(self, request, *args, **kwargs):
        try:
            actions.approve(self.object, request.user)
        except actions.NotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect(self.index_url_name)
        messages.success(
            request,
            gettext("%(kind)s public: the article, its listings and feeds are updated.")
            % {"kind": self.object.get_kind_display()},
        )
        return redirect(self.index_url_name)


class CorrectionViewSet(SnippetViewSet):
    model = Correction
    icon = "edit"
    menu_label = _("Corrections and updates")
    menu_name = "corrections"
    menu_order = 240
    add_to_admin_menu = True
    index_view_class = CorrectionIndexView
    add_view_class = CorrectionCreateView
    edit_view_class = CorrectionEditView
    delete_view_class = CorrectionDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("article"),
            FieldPanel("kind"),
            FieldPanel("text"),
            FieldPanel("published_at"),
            FieldPanel("revision"),
        ],
        base_form_class=CorrectionForm,
    )
    list_filter = ["state", "kind"]
    search_fields = ["text"]
    search_backend_name = None  # plain ORM search: finds any part of Chinese text
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "__str__",
        Column("state", label=_("State"), accessor="get_state_display"),
        Column("article", label=_("Article"), accessor=article_title),
        Column("column", label=_("Column"), accessor=column_title),
        Column("number", label=_("Number")),
        DateColumn("published_at", label=_("Time"), sort_key="published_at"),
    ]
    inspect_view_fields = [
        "article",
        "kind",
        "text",
        "state",
        "number",
        "published_at",
        "created_by",
        "created_at",
        "approved_by",
        "approved_at",
        "revision",
    ]

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, BaseObjectMixin) and not issubclass(
            view_class, VisibleOnly
        ):
            view_class = type(view_class.__name__, (VisibleOnly, view_class), {})
        return super().construct_view(view_class, **kwargs)

    @property
    def approve_view(self):
        return ApproveView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<str:pk>/", self.approve_view, name="approve"),
        ]

    def register_chooser_viewset(self):
        """No chooser: nothing picks a correction from a list."""
