from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from commentlog import log as comment_log
from feedback.models import Feedback, State


class Command(BaseCommand):
    help = "Delete feedback marked as spam more than N days ago."

    def handle(self, *args, **options):
        days = settings.FEEDBACK_PURGE_SPAM_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        spam = Feedback.objects.filter(state=State.SPAM, finished_at__lt=cutoff)
        count = 0
        with transaction.atomic():
            # The comment log keeps a row per purged item (its content hash,
            # IP and time are already there from the submission).
            for item in spam.only("pk", "kind", "article_id", "message").iterator():
                comment_log.record(
                    comment_log.Action.PURGE,
                    item=item,
                    content=item.message,
                    detail={"kind": item.kind, "days": days},
                )
                count += 1
            spam.delete()
        self.stdout.write(f"Purged {count} spam item(s) older than {days} days.")
