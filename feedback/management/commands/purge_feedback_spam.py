from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import Feedback, State


class Command(BaseCommand):
    help = "Delete feedback marked as spam more than N days ago."

    def handle(self, *args, **options):
        days = settings.FEEDBACK_PURGE_SPAM_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        spam = Feedback.objects.filter(state=State.SPAM, finished_at__lt=cutoff)
        count = spam.count()
        spam.delete()
        self.stdout.write(f"Purged {count} spam item(s) older than {days} days.")
