"""Send again the purges a front cache missed (caching/retry.py); run by
the scheduler (settings.SCHEDULED_COMMANDS)."""

from django.core.management.base import BaseCommand
from wagtail.contrib.frontend_cache.utils import get_backends

from caching import retry


class Command(BaseCommand):
    help = "Retry the purges a front cache (nginx, the CDN) did not take."

    def handle(self, *args, verbosity=1, **options):
        counts = retry.drain(get_backends())
        if verbosity > 1 or any(counts.values()):
            self.stdout.write(
                f"Purges retried: {counts['purged']} done, {counts['failed']} "
                f"failed again, {counts['given_up']} given up"
            )
