"""The review step of the newsroom's workflows (初审, 复审, 终审).

A Wagtail group approval task, narrowed to the columns a reviewer covers:
members of the task's groups may act on a piece only where they hold the
"change" page permission (their column, or the whole site for deputy and
chief editors). Approving runs the pre-approval check; sending back needs a
comment; the 初审 step records its approver as 责任编辑."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission, TaskState
from wagtail.models.pages import get_default_page_content_type

from core import coverage
from editorial import outcomes
from editorial.checks import problems_for_page, summary
from editorial.forms import COMMENT_REQUIRED, SendBackForm
from editorial.responsible import record_approver


class ReviewRefused(PermissionDenied):
    """An approval or send-back the task refuses (e.g. a forged request)."""


class ReviewTaskState(TaskState):
    """The state of a ReviewTask on a revision. A class of its own so that
    "piece reached you" e-mails come from editorial.notifications (scoped to
    the column) rather than Wagtail's notifier, which mails whole groups."""

    class Meta:
        verbose_name = _("review record")
        verbose_name_plural = _("review records")


class ReviewTask(AbstractGroupApprovalTask):
    records_responsible_editor = models.BooleanField(
        _("approver becomes the responsible editor"),
        default=False,
        help_text=_(
            "Tick for the first review: the editor who approves this step is "
            "recorded as the article's responsible editor (unless one was chosen "
            "by hand)."
        ),
    )

    task_state_class = ReviewTaskState
    admin_form_fields = [
        *AbstractGroupApprovalTask.admin_form_fields,
        "records_responsible_editor",
    ]

    class Meta:
        verbose_name = _("column review")
        verbose_name_plural = _("column reviews")
        # The stored name is this English source (migration 0004), which
        # Wagtail's group editor translates for each user.
        permissions = [
            (
                "set_responsible_editor",
                _("Can choose an article's responsible editor by hand"),
            )
        ]

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups who may edit the column review this step"
        )

    def can_review(self, page, user) -> bool:
        if not user.is_active:
            return False
        return user.is_superuser or (
            self._user_in_groups(user) and coverage.covers(user, page)
        )

    def reviewers(self, obj):
        """Active members of the task's groups who cover the page."""
        User = get_user_model()
        members = User.objects.filter(groups__in=self.groups.all())
        if hasattr(obj, "path"):
            column_groups = GroupPagePermission.objects.filter(
                permission__codename=coverage.CHANGE,
                page__in=obj.get_ancestors(inclusive=True),
            ).values("group")
            members = members.filter(groups__in=column_groups)
        return User.objects.filter(is_active=True, pk__in=members.values("pk"))

    # Wagtail's hooks into the editor, scoped to covered columns.
    def user_can_access_editor(self, obj, user):
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_form_for_action(self, action):
        if action == "reject":
            return SendBackForm
        return super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        page_type = get_default_page_content_type()
        return states.filter(
            ~Q(workflow_state__base_content_type=page_type)
            | Q(workflow_state__object_id__in=coverage.covered_page_ids_as_text(user))
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise ReviewRefused(COMMENT_REQUIRED)
        if action_name == "approve":
            page = task_state.workflow_state.content_object
            page = page.specific_deferred.get_latest_revision_as_object()
            problems = problems_for_page(page)
            if problems:
                raise ReviewRefused(summary(problems))
            if self.records_responsible_editor and hasattr(page, "responsible_editor"):
                record_approver(page, user)
        result = super().on_action(task_state, user, action_name, **kwargs)
        if outcomes.collecting():  # someone acted in the admin: tell them
            outcomes.note(outcomes.describe(task_state, action_name))
        return result
