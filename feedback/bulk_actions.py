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


class AcceptBulkAction(FeedbackBulkAction):
    display_name = "受理"
    action_type = "feedback_accept"
    aria_label = "受理所选反馈"
    action_priority = 10
    done_label = "受理"
    step = staticmethod(lifecycle.accept)


class SpamBulkAction(FeedbackBulkAction):
    display_name = "标记为垃圾信息"
    action_type = "feedback_spam"
    aria_label = "把所选反馈标记为垃圾信息"
    action_priority = 20
    done_label = "标记为垃圾信息"
    classes = {"serious"}
    step = staticmethod(lifecycle.mark_spam)


class PublishBulkAction(FeedbackBulkAction):
    display_name = "公开"
    action_type = "feedback_publish"
    aria_label = "在文章下公开所选反馈"
    action_priority = 30
    done_label = "公开"
    step = staticmethod(lifecycle.publish)


class HideBulkAction(FeedbackBulkAction):
    display_name = "不公开"
    action_type = "feedback_hide"
    aria_label = "不公开所选反馈"
    action_priority = 40
    done_label = "设为不公开"
    step = staticmethod(lifecycle.hide)


BULK_ACTIONS = [AcceptBulkAction, SpamBulkAction, PublishBulkAction, HideBulkAction]
