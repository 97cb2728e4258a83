"""Readers taking part under a published comment: a like (点赞) and a report
(举报) from a verified reader, each once (feedback/community.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .feedback import Feedback
from .history import FeedbackReply


class CommentLike(models.Model):
    """A verified reader likes a published comment, once."""

    item = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="likes")
    reader = models.ForeignKey(
        "readers.Reader", on_delete=models.CASCADE, related_name="likes"
    )
    created_at = models.DateTimeField(_("liked at"), default=timezone.now)

    class Meta:
        verbose_name = _("like")
        verbose_name_plural = _("likes")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "reader"], name="feedback_like_once"
            )
        ]

    def __str__(self):
        return f"{self.reader_id} ♥ {self.item_id}"


class ReportCategory(models.TextChoices):
    ILLEGAL = "illegal", _("Illegal content")
    BULLYING = "bullying", _("Cyberbullying")
    PRIVACY = "privacy", _("Personal privacy")
    VULGAR = "vulgar", _("Pornographic or vulgar")
    ADVERTISING = "ad", _("Advertising or spam")
    OTHER = "other", _("Other reason")


class ReportOutcome(models.TextChoices):
    PENDING = "", _("Received, waiting for review")
    DELETED = "deleted", _("Handled: the comment was deleted")
    HIDDEN = "hidden", _("Handled: the comment was hidden")
    KEPT = "kept", _("Handled: no breach of the rules found, the comment stays")


class CommentReport(models.Model):
    """A reader's report of a published comment or of a reply under it.
    A verified reader reports an item once and sees the outcome on their
    page; an unverified report is counted for staff like before."""

    item = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(
        FeedbackReply,
        verbose_name=_("reply"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reader = models.ForeignKey(
        "readers.Reader",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    category = models.CharField(
        _("category"), max_length=12, choices=ReportCategory.choices
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=ReportOutcome.choices,
        blank=True,
        default=ReportOutcome.PENDING,
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "reader"],
                condition=models.Q(reader__isnull=False, reply__isnull=True),
                name="feedback_report_once",
            ),
            models.UniqueConstraint(
                fields=["reply", "reader"],
                condition=models.Q(reader__isnull=False, reply__isnull=False),
                name="feedback_reply_report_once",
            ),
        ]

    def __str__(self):
        return f"{self.item_id} {self.get_category_display()}"
