"""Bulk actions on the feedback queue: accept, mark as spam, publish, hide.

Each runs the same lifecycle step as the item view, per item; items whose
state does not allow the step are skipped and counted, never forced.

Every feedback bulk action, and the `delete` Wagtail offers for every
snippet, looks the selected ids up among the items the user may see (the
permission policy's `instances_user_has_any_permission_for`): an item
someone may not see is neither listed nor counted on the confirmation page,
and a selection with none they may see is not found (404). Items they may
see but not act on are listed as such."""

import re

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import classproperty
from wagtail.admin import messages
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from feedback import lifecycle
from feedback.models import Feedback

# An id as the listing sends it; anything else (letters, ², 5,000 digits,
# "all") selects nothing rather than reaching the database.
ITEM_ID = re.compile(r"[0-9]{1,18}")
NO_ACCESS_MESSAGE = "以下反馈您可以查看，但没有执行此操作的权限："


class FeedbackBulkAction(SnippetBulkAction):
    template_name = "feedback/admin/confirm_bulk_action.html"
    step = None
    done_label = ""
    # The permission-policy action each item needs.
    permission = "change"
    no_access_message = NO_ACCESS_MESSAGE

    @classproperty
    def models(cls):
        return [Feedback]

    @classmethod
    def offered_to(cls, user) -> bool:
        """Whether the queue shows this action's button to the user."""
        return policy_registry.get_by_type(Feedback).user_has_permission(
            user, cls.permission
        )

    def visible_items(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )

    def get_actionable_objects(self):
        # Only ids picked one by one: Wagtail's "id=all" (every item in the
        # listing) would ignore the queue's filters and search.
        ids = [pk for pk in self.request.GET.getlist("id") if ITEM_ID.fullmatch(pk)]
        items = list(self.visible_items().filter(pk__in=ids).select_related("column"))
        if not items:
            raise Http404("没有找到所选的反馈。")
        objects, no_access = [], []
        for item in items:
            (objects if self.check_perm(item) else no_access).append(item)
        return objects, {"items_with_no_access": no_access}

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission, item
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def form_valid(self, form):
        if not self.get_actionable_objects()[0]:
            messages.error(self.request, "所选反馈中没有您可以执行此操作的。")
            return redirect(self.next_url)
        return super().form_valid(form)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done = 0
        skipped = []
        for item in objects:
            try:
                cls.step(item, user)
                done += 1
            except lifecycle.TransitionNotAllowed:
                skipped.append(item)
        kwargs["self"].skipped = skipped
        return done, 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = f"{num_parent_objects} 条反馈已{self.done_label}。"
        if self.skipped:
            message += f"{len(self.skipped)} 条的状态不允许此操作，已跳过。"
        return message


def feedback_bulk_action(
    key, step, display_name, aria_label, priority, done_label=None, classes=()
):
    """A bulk action `feedback_<key>` that runs the lifecycle `step`;
    `done_label` (the display name unless given) ends the success message."""
    return type(
        f"{key.capitalize()}BulkAction",
        (FeedbackBulkAction,),
        {
            "__module__": __name__,
            "display_name": display_name,
            "action_type": f"feedback_{key}",
            "aria_label": aria_label,
            "action_priority": priority,
            "done_label": done_label or display_name,
            "classes": set(classes),
            "step": staticmethod(step),
        },
    )


def delete_item(item, user):
    item.delete()


class DeleteBulkAction(FeedbackBulkAction):
    """Takes the place of Wagtail's `delete` (offered for every snippet) for
    feedback, so the same lookup applies. The permission policy lets nobody
    delete feedback, so the action is not offered and its page only says so."""

    display_name = "删除"
    action_type = "delete"
    aria_label = "删除所选反馈"
    action_priority = 100
    classes = {"serious"}
    permission = "delete"
    done_label = "删除"
    step = staticmethod(delete_item)

    @property
    def no_access_message(self):
        return (
            "读者反馈不能在后台删除：不想公开的请设为不公开，垃圾信息标记后"
            f"{settings.FEEDBACK_PURGE_SPAM_DAYS}天自动清除。"
        )


BULK_ACTIONS = [
    feedback_bulk_action("accept", lifecycle.accept, "受理", "受理所选反馈", 10),
    feedback_bulk_action(
        "spam",
        lifecycle.mark_spam,
        "标记为垃圾信息",
        "把所选反馈标记为垃圾信息",
        20,
        classes={"serious"},
    ),
    feedback_bulk_action(
        "publish", lifecycle.publish, "公开", "在文章下公开所选反馈", 30
    ),
    feedback_bulk_action(
        "hide", lifecycle.hide, "不公开", "不公开所选反馈", 40, done_label="设为不公开"
    ),
    DeleteBulkAction,
]
