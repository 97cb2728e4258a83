"""Run by the scheduler: a lead story kept until a time that has come is
let go, by publishing the front page without it (Wagtail's audit log shows
the publish; the publish purges the front page from every cache). A draft
of the front page stays a draft, without the pick too."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from home.models import HomePage


def let_go(home: HomePage) -> HomePage:
    home.lead_story = None
    home.lead_story_until = None
    return home


class Command(BaseCommand):
    help = "Let go of lead stories whose time has run out."

    def handle(self, *args, **options):
        for home in HomePage.objects.live().filter(
            lead_story_until__lte=timezone.now()
        ):
            draft = (
                home.get_latest_revision_as_object()
                if home.has_unpublished_changes
                else None
            )
            let_go(home).save_revision(clean=False).publish()
            if draft is not None:
                let_go(draft).save_revision(clean=False)
            self.stdout.write(f"Front page {home.pk}: lead story let go")
