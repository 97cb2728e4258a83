import shutil
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from ops import backup


class Command(BaseCommand):
    help = (
        "Back up the database (all content, revisions, users, settings) and "
        "media into a new folder; restore_site reads it back."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument(
            "folder", nargs="?", help="a new or empty folder to write into"
        )
        where.add_argument(
            "--into",
            help="write a new folder named after the time into this one "
            "(how the scheduler makes the daily backup)",
        )
        parser.add_argument(
            "--no-media",
            action="store_false",
            dest="media",
            help="leave the media out (S3 with bucket versioning keeps its own)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="with --into: keep only this many newest backups",
        )

    def handle(self, folder=None, into=None, keep=0, media=True, **options):
        if into:
            stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
            target = Path(into) / stamp
        else:
            target = Path(folder)
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty: back up into a new folder.")
        target.mkdir(parents=True, exist_ok=True)

        # One snapshot: the dump and the counts in the manifest agree.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"
                    )
            counts = backup.row_counts()
            self.stdout.write(f"Database: {sum(counts.values())} rows …")
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=backup.excluded_labels(),
                output=str(target / backup.DATABASE_FILE),
                verbosity=0,
            )
            migrations = backup.applied_migrations()

        media_files = None
        if media:
            self.stdout.write("Media: …")
            media_files = backup.archive_media(
                default_storage, target / backup.MEDIA_FILE
            )
            self.stdout.write(f"Media: {media_files} files")
        else:
            self.stdout.write("Media: left out (--no-media)")

        backup.write_manifest(
            target,
            {
                "created_at": datetime.now(UTC).isoformat(),
                "database_vendor": connection.vendor,
                "django": django.get_version(),
                "wagtail": wagtail.__version__,
                "migrations": migrations,
                "row_counts": counts,
                "media_files": media_files,
            },
        )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
        if into and keep > 0:
            self.prune(Path(into), keep)

    def prune(self, folder: Path, keep: int) -> None:
        backups = sorted(
            path for path in folder.iterdir() if (path / backup.MANIFEST_FILE).exists()
        )
        for old in backups[:-keep]:
            shutil.rmtree(old)
            self.stdout.write(f"Removed the old backup {old}")
