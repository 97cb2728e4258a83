from django.db import models


class ScheduledJob(models.Model):
    """One job of settings.SCHEDULED_COMMANDS as the whole cluster sees it:
    the last due time (slot) some scheduler claimed, so that with a
    scheduler on every app server each slot runs once (core/scheduling.py)."""

    name = models.CharField(max_length=255, unique=True)
    last_slot = models.BigIntegerField(default=-1)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_succeeded = models.BooleanField(null=True)
    last_host = models.CharField(max_length=255, blank=True)

    def __str__(self):
        return self.name
