from datetime import timedelta

from django.db import models

from core.models import AppendOnlyModel


class Event(models.TextChoices):
    PUBLISH = "publish", "发布"
    CORRECTION = "correction", "更正/追记"
    RETRACT = "retract", "撤稿"
    TAKE_DOWN = "take_down", "下线"
    RESTORE = "restore", "恢复"


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

    page_id = models.IntegerField("页面 ID", db_index=True)
    sequence = models.PositiveIntegerField("序号")
    event = models.CharField("事件", max_length=12, choices=Event.choices)
    revision_id = models.IntegerField("版本 ID", null=True, blank=True)
    user_id = models.IntegerField("操作人 ID", null=True, blank=True)
    user_name = models.CharField("操作人", max_length=150, blank=True)
    status = models.PositiveSmallIntegerField("读者看到的状态码", default=200)
    html = models.TextField("页面内容", blank=True)
    metadata = models.JSONField("元数据", default=dict)
    content_sha256 = models.CharField("内容哈希", max_length=64)
    previous_sha256 = models.CharField("上一条哈希", max_length=64, blank=True)
    entry_sha256 = models.CharField("本条哈希", max_length=64, unique=True)

    retention_days_setting = "RECORD_RETENTION_DAYS"
    append_only_group = "page_id"

    class Meta:
        verbose_name = "发布存档"
        verbose_name_plural = "发布存档"
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
