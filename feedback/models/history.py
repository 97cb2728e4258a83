from django.conf import settings
from django.db import models
from django.utils import timezone

from .feedback import Feedback


class FeedbackEvent(models.Model):
    """One step in an item's history: a transition, an assignment, a note.

    Who, when and why, kept for staff; the submitter sees the public steps."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("操作", max_length=20)
    from_state = models.CharField(
        "原状态", max_length=12, choices=Feedback.State.choices, blank=True
    )
    to_state = models.CharField(
        "新状态", max_length=12, choices=Feedback.State.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name at the time, so history stays readable after a user is removed.
    actor_name = models.CharField("操作人姓名", max_length=60, blank=True)
    by_submitter = models.BooleanField("读者本人操作", default=False)
    reason = models.TextField("说明", blank=True)
    is_internal = models.BooleanField("仅内部可见", default=False)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "处理记录"
        verbose_name_plural = "处理记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.feedback_id} {self.action}"


class FeedbackReply(models.Model):
    """An official reply, signed with the replier's name and role."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField("回复内容")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回复人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature_name = models.CharField("署名", max_length=60)
    signature_role = models.CharField("身份", max_length=60)
    created_at = models.DateTimeField("回复时间", default=timezone.now)

    class Meta:
        verbose_name = "官方回复"
        verbose_name_plural = "官方回复"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.signature_name}({self.signature_role})"
