"""Who sees and works on which corrections in the admin.

- Drafters (`corrections.add_correction`) and approvers
  (`corrections.approve_correction`) see the corrections of the columns they
  cover (core/coverage.py), and the drafts they wrote themselves (a writer
  covers no column).
- A draft may be changed or deleted by those who may draft for its article
  and by its approvers; nobody changes or deletes a public correction (a
  further correction says what changed). Approval: corrections/actions.py."""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from articles.models import ArticlePage
from core.coverage import covered
from corrections import actions

WORKING_PERMISSIONS = (actions.DRAFT_PERMISSION, actions.APPROVE_PERMISSION)


def works_on_corrections(user) -> bool:
    return user.is_active and any(user.has_perm(name) for name in WORKING_PERMISSIONS)


def visible_to(corrections, user):
    if not works_on_corrections(user):
        return corrections.none()
    if user.is_superuser:
        return corrections
    articles = covered(ArticlePage.objects.all(), user).values("pk")
    return corrections.filter(Q(article__in=articles) | Q(created_by=user))


class CorrectionPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return user.is_active and user.has_perm(actions.DRAFT_PERMISSION)
        if action in ("view", "change", "delete"):
            return works_on_corrections(user)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions_):
        return any(self.user_has_permission(user, action) for action in actions_)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return visible_to(self.model.objects.filter(pk=instance.pk), user).exists()
        if action in ("change", "delete"):
            return actions.may_edit(user, instance)
        if action == "approve":
            return actions.may_approve(user, instance)
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions_, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance)
            for action in actions_
        )

    def instances_user_has_any_permission_for(self, user, actions_):
        return visible_to(self.model.objects.all(), user)
