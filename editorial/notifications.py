"""E-mail to the reviewers of a step when a piece reaches it.

Wagtail mails every member of a group approval task's groups; a review task
mails only those who cover the piece's column (see editorial.models). The
text is Wagtail's own "submitted for approval to moderation stage" e-mail,
translated into each recipient's admin language. Send-backs and the final
approval reach the person who submitted through Wagtail's own notifiers."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier


class ReviewTaskSubmissionNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def get_template_base_prefix(self, instance, **kwargs):
        return "task_state_"  # Wagtail's task_state_submitted*.txt/html

    def get_recipient_users(self, task_state, **kwargs):
        page = task_state.workflow_state.content_object
        reviewers = task_state.task.specific.reviewers(page).values("pk")
        wanted = Q(pk__in=reviewers)
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            wanted |= Q(is_superuser=True)
        recipients = get_user_model().objects.filter(wanted, is_active=True)
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            recipients = recipients.exclude(pk=triggering_user.pk)
        return recipients
