"""Remove comment-log rows past their retention (COMMENT_LOG_RETENTION_DAYS,
never under 180 days): the only deleting path, run daily by the scheduler.
The full IP addresses in the log are personal data, kept no longer than
the law asks unless the setting says so."""

from django.core.management.base import BaseCommand

from commentlog.models import CommentLogEntry


class Command(BaseCommand):
    help = "Delete comment-log rows older than their retention."

    def handle(self, *args, **options):
        removed = CommentLogEntry.objects.delete_expired()
        days = CommentLogEntry.retention_days()
        self.stdout.write(
            f"Removed {removed} comment-log row(s) older than {days} days."
        )
