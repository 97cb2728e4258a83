from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.language import public_languages
from feedback import lifecycle
from feedback.models import Feedback, State


class Command(BaseCommand):
    help = "Close replied feedback whose reader has not rated it for N days."

    def handle(self, *args, **options):
        days = settings.FEEDBACK_AUTO_CLOSE_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        closed = 0
        # Kept in the history: in the public language.
        with translation.override(public_languages()[0]):
            reason = gettext(
                "The reader did not rate the reply within %(days)d days: closed "
                "automatically."
            ) % {"days": days}
        for item in Feedback.objects.filter(
            state=State.REPLIED, replied_at__lt=cutoff
        ).iterator():
            try:
                lifecycle.close(item, None, reason)
                closed += 1
            except lifecycle.TransitionNotAllowed:
                continue  # rated or reopened meanwhile
        self.stdout.write(f"Closed {closed} unrated feedback item(s).")
