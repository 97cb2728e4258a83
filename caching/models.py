from django.db import models


class PendingPurge(models.Model):
    """A purge a front cache (an nginx, a CDN) did not take: retried by
    `manage.py retry_purges` (caching/retry.py) until it goes through or
    is too old to matter."""

    cache = models.CharField(max_length=255)
    url = models.CharField(max_length=2000)
    attempts = models.PositiveIntegerField(default=1)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cache", "url"], name="caching_pendingpurge_unique"
            )
        ]

    def __str__(self):
        return f"{self.cache}: {self.url}"
