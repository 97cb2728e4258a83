from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from feedback.bulk_actions import BULK_ACTIONS
from feedback.models import Feedback
from feedback.permissions import (
    HANDLER_GROUP,
    HANDLER_PERMISSIONS,
    FeedbackPermissionPolicy,
)
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
        HANDLER_GROUP: [f"{app}.{codename}" for app, codename in HANDLER_PERMISSIONS]
    }
