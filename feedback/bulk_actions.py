"""Bulk actions on the feedback queue: accept, mark as spam, publish, hide.

Each runs the same lifecycle step as the item view, per item; items whose
state does not allow the step are skipped and counted, never forced."""

from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from feedback import lifecycle
from feedback.models import Feedback


class FeedbackBulkAction(SnippetBulkAction):
    template_name = "feedback/admin/confirm_bulk_action.html"
    step = None
    done_label = ""

    @classproperty
    def models(cls):
        return [Feedback]

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", item
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

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
]
