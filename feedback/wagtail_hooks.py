from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from feedback import switch_urls, switches
from feedback.bulk_actions import BULK_ACTIONS
from feedback.dashboard import FeedbackQueuePanel, handles_feedback
from feedback.models import Feedback, Scope
from feedback.permissions import (
    HANDLER_GROUP,
    HANDLER_PERMISSIONS,
    SWITCH_ROLES,
    FeedbackPermissionPolicy,
)
from feedback.views.switches import may_switch_anything
from feedback.viewsets import FeedbackViewSet

register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))
register_snippet(FeedbackViewSet)

# After Wagtail's own (order 0): feedback's `delete` takes the place of the
# one Wagtail registers for every snippet.
for bulk_action in BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("insert_global_admin_css")
def feedback_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/feedback-admin.css")
    )


@hooks.register("register_newsroom_role_permissions")
def feedback_handler_permissions():
    """For `manage.py setup_newsroom` (editorial), which grants role
    permissions from this hook; the data migration grants the same."""
    return {
        HANDLER_GROUP: [f"{app}.{codename}" for app, codename in HANDLER_PERMISSIONS],
        **switches_by_role(),
    }


def switches_by_role() -> dict[str, list[str]]:
    """Who may close comments (editorial's role names, by name): editors an
    article they cover, deputy and chief editors a column, the chief the
    whole site."""
    return {
        role: [switches.PERMISSIONS[scope] for scope in scopes]
        for role, scopes in SWITCH_ROLES.items()
    }


@hooks.register("register_admin_urls")
def comment_switch_urls():
    return [path("comment-switches/", include(switch_urls))]


class SwitchesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_switch_anything(request.user)


@hooks.register("register_settings_menu_item")
def comment_switches_menu_item():
    return SwitchesMenuItem(
        _("Comment switches"),
        reverse("feedback_switches:index"),
        icon_name="cog",
        order=890,
    )


@hooks.register("register_reports_menu_item")
def comment_governance_menu_item():
    return MenuItem(
        _("Comment governance summary"),
        reverse("feedback_switches:governance"),
        icon_name="table",
        order=900,
    )


@hooks.register("register_page_header_buttons")
def comment_switch_button(page, user, view_name=None, next_url=None):
    """「评论开关」 on an article's or a column's header, for whoever may."""
    if page.pk is None:
        return []
    scope = {"articlepage": Scope.ARTICLE, "columnpage": Scope.COLUMN}.get(
        page.specific_class._meta.model_name if page.specific_class else ""
    )
    if scope is None or not switches.may_switch(user, scope, page):
        return []
    url = reverse("feedback_switches:page", args=[scope, page.pk])
    return [Button(_("Comment switch"), url, icon_name="cog", priority=67)]


@hooks.register("construct_homepage_panels")
def add_feedback_queue(request, panels):
    if handles_feedback(request.user):
        panels.append(FeedbackQueuePanel())
