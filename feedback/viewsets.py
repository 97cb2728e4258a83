from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.generic.base import BaseObjectMixin
from wagtail.admin.widgets.button import ListingButton
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.people import display_name
from feedback.filters import FeedbackFilterSet
from feedback.models import Feedback
from feedback.permissions import can_export, can_see_contact
from feedback.views.handle import FeedbackHandleView
from security.spreadsheet import SafeSpreadsheetExportMixin


class StateColumn(Column):
    """The state, with a red 逾期 tag on items past a deadline."""

    cell_template_name = "feedback/admin/_state_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["item"] = instance
        return context


def assignee_name(item) -> str:
    return display_name(item.assignee)


class VisibleItemsOnly:
    """For every view of the viewset that works on one item (edit, history,
    usage, delete, and any Wagtail adds): the item is looked up among those
    the user may see, so any other id is not found (404)."""

    def get_base_object_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        visible = policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )
        return super().get_base_object_queryset().filter(pk__in=visible.values("pk"))


class FeedbackIndexView(SafeSpreadsheetExportMixin, IndexView):
    export_filename = "feedback"
    export_headings = {
        "tracking_code": _("Tracking code"),
        "get_kind_display": _("Kind"),
        "get_state_display": _("State"),
        "column.title": _("Column"),
        "article_title": _("Article"),
        "display_name": _("Signature"),
        "message": _("Message"),
        "contact": _("Contact details"),
        "get_screening_display": _("Screening result"),
        "screening_reason": _("Screening reason"),
        "created_at": _("Submitted at"),
        "accept_due": _("Accept by"),
        "reply_due": _("Reply by"),
        "is_overdue": pgettext_lazy("feedback filter", "Overdue"),
        "first_replied_at": _("First replied at"),
        "get_rating_display": _("Rating"),
        "rating_reason": _("Rating reason"),
    }

    def get(self, request, *args, **kwargs):
        if self.is_export and not can_export(request.user):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    @cached_property
    def list_export(self):
        fields = list(self.export_headings)
        if not can_see_contact(self.request.user):
            fields.remove("contact")
        return fields

    @cached_property
    def show_export_buttons(self):
        return can_export(self.request.user)

    @cached_property
    def bulk_action_buttons(self):
        """The bulk actions this person may take, for the queue's footer."""
        opts = self.model._meta
        actions = sorted(
            (
                action
                for action in bulk_action_registry.get_bulk_actions_for_model(
                    opts.app_label, opts.model_name
                )
                # An action from elsewhere (Wagtail's, for every snippet) is
                # not offered until feedback says who may take it.
                if getattr(action, "offered_to", None)
                and action.offered_to(self.request.user)
            ),
            key=lambda action: action.action_priority,
        )
        return [
            ListingButton(
                action.display_name,
                reverse(
                    "wagtail_bulk_action",
                    args=[opts.app_label, opts.model_name, action.action_type],
                ),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join(action.classes | {"bulk-action-btn"}),
            )
            for action in actions
        ]

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .visible_to(self.request.user)
            .select_related("column", "assignee", "reader")
        )


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "mail"
    menu_label = _("Reader feedback")
    menu_name = "feedback"
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = FeedbackIndexView
    index_template_name = "feedback/admin/index.html"
    edit_view_class = FeedbackHandleView
    filterset_class = FeedbackFilterSet
    search_fields = ["message", "tracking_code", "display_name", "article_title"]
    search_backend_name = None  # plain ORM search: finds any part of Chinese text
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "__str__",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        StateColumn(
            "state", label=_("State"), accessor="get_state_display", sort_key="state"
        ),
        Column("column", label=_("Column"), accessor="column.title"),
        DateColumn("created_at", label=_("Submitted at"), sort_key="created_at"),
        Column("assignee", label=_("Assignee"), accessor=assignee_name),
    ]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, BaseObjectMixin) and not issubclass(
            view_class, VisibleItemsOnly
        ):
            view_class = type(view_class.__name__, (VisibleItemsOnly, view_class), {})
        return super().construct_view(view_class, **kwargs)

    def register_chooser_viewset(self):
        """No snippet chooser: nothing links to feedback, and a chooser would
        list every column's items to anyone who may see some of them."""
