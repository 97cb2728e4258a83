"""The comment operations log: one row per comment-related event, written
once, never changed, kept at least COMMENT_LOG_RETENTION_DAYS (180 or more).

Rows point at readers, feedback items, articles and staff by plain ids, not
foreign keys: erasing a reader's contact details, purging spam after 30
days or deleting an article or account leaves every row as it was (a
foreign key would cascade or be set to NULL). The content itself is not
kept here, only its SHA-256: the text goes with the item; the log proves
what it was."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel

from .checks import MINIMUM_RETENTION_DAYS


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submission")
    SCREEN = "screen", _("Screening result")
    DUPLICATE = "duplicate", _("Duplicate refused")
    REFUSED_CLOSED = "refused_closed", _("Refused: comments closed")
    VERIFY = "verify", _("Verification")
    CONSENT = "consent", _("Consent to the rules")
    MODERATE = "moderate", _("Moderation")
    REPORT = "report", _("Report by a reader")
    REPORT_OUTCOME = "report_outcome", _("Outcome of reports")
    LIKE = "like", _("Like by a reader")
    SANCTION = "sanction", _("Credit state or sanction")
    SWITCH = "switch", _("Comment switch")
    ERASE_CONTACT = "erase_contact", _("Contact details erased")
    PURGE = "purge", _("Spam text purged")
    EXPORT = "export", _("Log exported")


class CommentLogEntry(AppendOnlyModel):
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # What exactly, within the action: the moderation step ("publish",
    # "hide", "spam" ...), the screening verdict, the switch's scope.
    step = models.CharField(_("step"), max_length=40, blank=True)
    reader_id = models.BigIntegerField(_("commenter ID"), null=True, blank=True)
    item_id = models.BigIntegerField(_("feedback item ID"), null=True, blank=True)
    article_id = models.IntegerField(_("article ID"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_id = models.IntegerField(_("staff user ID"), null=True, blank=True)
    user_name = models.CharField(_("staff user"), max_length=150, blank=True)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    retention_days_setting = "COMMENT_LOG_RETENTION_DAYS"

    class Meta:
        verbose_name = _("comment log entry")
        verbose_name_plural = _("comment log")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()
        permissions = [("read_comment_log", _("Can read and export the comment log"))]
        indexes = [
            models.Index(fields=["reader_id", "created_at"], name="commentlog_reader"),
            models.Index(fields=["item_id"], name="commentlog_item"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.get_action_display()}"

    @classmethod
    def retention_days(cls) -> int:
        """The setting, never less than the legal floor (whatever it says)."""
        return max(super().retention_days(), MINIMUM_RETENTION_DAYS)
