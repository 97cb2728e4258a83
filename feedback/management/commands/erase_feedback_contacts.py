from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from feedback.lifecycle import record
from feedback.models import FINISHED_STATES, Feedback


class Command(BaseCommand):
    help = "Erase readers' contact details and IP addresses N days after closing."

    def handle(self, *args, **options):
        days = settings.FEEDBACK_ERASE_CONTACT_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        due = Feedback.objects.filter(
            state__in=FINISHED_STATES,
            finished_at__lt=cutoff,
            contact_erased_at__isnull=True,
        )
        erased = 0
        for item in due.iterator():
            with transaction.atomic():
                Feedback.objects.filter(pk=item.pk).update(
                    contact="", ip_address=None, contact_erased_at=timezone.now()
                )
                record(
                    item,
                    "erase_contact",
                    reason=f"结束 {days} 天后按隐私规则删除联系方式",
                    internal=True,
                )
            erased += 1
        self.stdout.write(f"Erased contact details of {erased} feedback item(s).")
