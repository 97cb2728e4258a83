"""Who may work on which feedback.

- Feedback staff (the 反馈处理员 group, or anyone given the model permissions)
  see and handle every item.
- Editors see and handle the items of the columns whose pages they may edit
  (Wagtail page permission "change" on the column or above it), without the
  readers' contact details unless they also hold `view_feedback_contact`.
- Nobody creates or deletes feedback in the admin: it only comes from
  readers, and only the scheduled clean-up removes it (spam after
  FEEDBACK_PURGE_SPAM_DAYS). What staff want gone they mark as spam or hide;
  a deleted item would also silently change the public figures.
- Whatever lists or shows items (the queue, every item view, the bulk
  actions' confirmation pages) takes them from
  `instances_user_has_any_permission_for`, so an item someone may not see
  does not exist for them."""

from django.apps import apps as global_apps
from wagtail.permission_policies import ModelPermissionPolicy

from articles.models import ColumnPage
from core import coverage

HANDLER_GROUP = "反馈处理员"
# Who may close comments (feedback/switches.py), by editorial's role names.
SWITCH_ROLES = {
    "编辑": ["article"],
    "副总编辑": ["article", "column"],
    "总编辑": ["article", "column", "site"],
}
HANDLER_PERMISSIONS = [
    ("feedback", "view_feedback"),
    ("feedback", "change_feedback"),
    ("feedback", "view_feedback_contact"),
    ("feedback", "export_feedback"),
    ("wagtailadmin", "access_admin"),
]


def sees_all_feedback(user) -> bool:
    return user.is_active and user.has_perm("feedback.view_feedback")


def columns_edited_by(user):
    return coverage.covered(ColumnPage.objects.all(), user)


def can_see_contact(user) -> bool:
    return user.is_active and user.has_perm("feedback.view_feedback_contact")


def can_export(user) -> bool:
    return user.is_active and user.has_perm("feedback.export_feedback")


# Actions nobody may take on feedback in the admin, whatever their rights.
REFUSED_ACTIONS = frozenset({"add", "delete"})
# Actions editors may take on the items of the columns they cover.
COLUMN_ACTIONS = frozenset({"view", "change"})


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in REFUSED_ACTIONS:
            return False
        if super().user_has_permission(user, action):
            return True
        if action in COLUMN_ACTIONS:
            return columns_edited_by(user).exists()
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in REFUSED_ACTIONS:
            return False
        if super().user_has_permission(user, action):
            return True
        if action in COLUMN_ACTIONS and instance.column_id:
            return columns_edited_by(user).filter(pk=instance.column_id).exists()
        return False

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        """The items on which the user may take any of the actions: every
        item for a model-wide right, the covered columns' items for view and
        change, none for the refused actions."""
        actions = set(actions) - REFUSED_ACTIONS
        items = self.model.objects.all()
        if not user.is_active or not actions:
            return items.none()
        model_wide = super().user_has_permission
        if any(model_wide(user, action) for action in actions):
            return items
        if actions & COLUMN_ACTIONS:
            return items.filter(column__in=columns_edited_by(user))
        return items.none()


def grant_handler_permissions(apps=global_apps) -> None:
    """Give the 反馈处理员 group what it needs; safe to run any number of times
    (from the data migration, or from setup_newsroom)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=HANDLER_GROUP)
    for app_label, codename in HANDLER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def grant_switch_permissions(apps=global_apps) -> None:
    """Give the existing role groups their comment-switch permissions
    (SWITCH_ROLES); setup_newsroom grants the same through the hook."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, scopes in SWITCH_ROLES.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for scope in scopes:
            permission = Permission.objects.filter(
                content_type__app_label="feedback",
                codename=f"switch_{scope}_comments",
            ).first()
            if permission is not None:
                group.permissions.add(permission)
