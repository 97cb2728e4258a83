from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel


class Event(models.TextChoices):
    PUBLISH = "publish", _("Publication")
    CORRECTION = "correction", _("Correction / update")
    RETRACT = "retract", _("Retraction")
    TAKE_DOWN = "take_down", _("Take-down")
    RESTORE = "restore", _("Restoration")


# Events after which readers no longer see the article: its record is kept
# RECORD_RETENTION_DAYS from then (any later event keeps it again).
ENDING_EVENTS = (Event.RETRACT, Event.TAKE_DOWN)


class Entry(AppendOnlyModel):
    """What readers were shown of one article at one event: the rendered
    <article> element and its metadata, chained to the article's previous
    entry by hashes (record/chain.py).

    The page, revision and person are plain ids, not foreign keys: the
    record outlives a deleted page, revision or account (a foreign key would
    cascade or be set to NULL, both changes to a row that must not change)."""

    page_id = models.IntegerField(_("page ID"), db_index=True)
    sequence = models.PositiveIntegerField(_("sequence"))
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    revision_id = models.IntegerField(_("revision ID"), null=True, blank=True)
    user_id = models.IntegerField(_("user ID"), null=True, blank=True)
    user_name = models.CharField(_("user"), max_length=150, blank=True)
    status = models.PositiveSmallIntegerField(_("status readers got"), default=200)
    html = models.TextField(_("page content"), blank=True)
    metadata = models.JSONField(_("metadata"), default=dict)
    content_sha256 = models.CharField(_("content hash"), max_length=64)
    previous_sha256 = models.CharField(_("previous hash"), max_length=64, blank=True)
    entry_sha256 = models.CharField(_("entry hash"), max_length=64, unique=True)

    retention_days_setting = "RECORD_RETENTION_DAYS"
    append_only_group = "page_id"

    class Meta:
        verbose_name = _("record entry")
        verbose_name_plural = _("record entries")
        ordering = ["page_id", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["page_id", "sequence"], name="record_entry_sequence"
            )
        ]

    def __str__(self):
        return f"#{self.sequence} {self.get_event_display()} {self.title}"

    @property
    def title(self) -> str:
        return self.metadata.get("title", "")

    def default_retained_until(self):
        """Kept while the article may be read; an ending event keeps the
        whole chain RECORD_RETENTION_DAYS from now (AppendOnlyModel: the
        newest entry of a page decides)."""
        if self.event in ENDING_EVENTS:
            return self.created_at + timedelta(days=self.retention_days())
        return None
