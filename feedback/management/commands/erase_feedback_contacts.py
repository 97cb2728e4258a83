from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.language import public_languages
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
        # Kept in the history: in the public language.
        with translation.override(public_languages()[0]):
            reason = gettext(
                "Contact details erased %(days)d days after the end, under the "
                "privacy rules"
            ) % {"days": days}
        for item in due.iterator():
            with transaction.atomic():
                Feedback.objects.filter(pk=item.pk).update(
                    contact="", ip_address=None, contact_erased_at=timezone.now()
                )
                record(
                    item,
                    "erase_contact",
                    reason=reason,
                    internal=True,
                )
            erased += 1
        self.stdout.write(f"Erased contact details of {erased} feedback item(s).")
