"""Re-compute every page's hash chain and report the first break; list
recorded live pages whose live version has no entry (a publication the
record missed, or its newest entries removed)."""

from django.core.management.base import BaseCommand, CommandError

from record import chain, registry
from record.archive import archive
from record.models import Entry, Event

PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = (
        "Verify the record's hash chains (exit status 1 at the first break) "
        "and that every live recorded page's live version is archived."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, help="only this page's record")
        parser.add_argument(
            "--archive-missing",
            action="store_true",
            help="archive the live version of every recorded page that has none "
            "(once, after installing the record on an existing site)",
        )

    def handle(self, *args, page=None, archive_missing=False, **options):
        broken, pages, count = self.verify_chains(page)
        if broken is not None:
            raise CommandError(f"The record is broken at {broken}.")
        self.stdout.write(f"{count} entries of {pages} pages: every chain is intact.")
        missing = self.missing(page)
        if missing and archive_missing:
            for live_page in missing:
                archive(live_page, Event.PUBLISH, None)
            self.stdout.write(f"Archived {len(missing)} live pages that had no entry.")
        elif missing:
            for live_page in missing[:20]:
                self.stderr.write(
                    f"page {live_page.pk} ({live_page.url_path}): its live version "
                    f"(revision {live_page.live_revision_id}) is not archived"
                )
            raise CommandError(
                f"{len(missing)} live pages have no entry for their live version "
                "(--archive-missing archives them now)."
            )

    def verify_chains(self, page):
        entries = Entry.objects.order_by("page_id", "sequence")
        if page is not None:
            entries = entries.filter(page_id=page)
        current, group, pages, count = None, [], 0, 0
        for entry in entries.iterator(chunk_size=200):
            if entry.page_id != current:
                if group and (broken := chain.verify_page(group)):
                    return broken, pages, count
                current, group, pages = entry.page_id, [], pages + 1
            group.append(entry)
            count += 1
            if count % PROGRESS_EVERY == 0:
                self.stdout.write(f"{count} entries checked…")
        if group and (broken := chain.verify_page(group)):
            return broken, pages, count
        return None, pages, count

    def missing(self, page) -> list:
        """Live recorded pages whose live revision no entry shows."""
        archived = set(Entry.objects.values_list("page_id", "revision_id"))
        missing = []
        for model in registry.recorded_models():
            live = model.objects.live().order_by("path")
            if page is not None:
                live = live.filter(pk=page)
            for live_page in live.iterator():
                if (live_page.pk, live_page.live_revision_id) not in archived:
                    missing.append(live_page)
        return missing
