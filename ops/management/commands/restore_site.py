from pathlib import Path

from django.core.cache import caches
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.migrations.loader import MigrationLoader

from core.db_statistics import analyze
from ops import backup


class Command(BaseCommand):
    help = (
        "Replace this site's database content and media with a backup made by "
        "backup_site. Everything currently in the database is deleted first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder written by backup_site")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, folder, interactive=True, **options):
        source = Path(folder)
        if not (source / backup.MANIFEST_FILE).exists():
            raise CommandError(f"{source} holds no backup ({backup.MANIFEST_FILE}).")
        manifest = backup.read_manifest(source)
        self.check_migrations(manifest)
        if interactive:
            answer = input(
                "This deletes everything in the database and restores the backup "
                f"from {manifest['created_at']}. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")

        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            self.stdout.write("Database: emptying, then loading the backup …")
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(source / backup.DATABASE_FILE), verbosity=0)
            self.check_counts(manifest)

        if (source / backup.MEDIA_FILE).exists():
            self.stdout.write("Media: …")
            count = backup.extract_media(source / backup.MEDIA_FILE, default_storage)
            self.stdout.write(f"Media: {count} files restored")

        for cache in caches.all():
            cache.clear()
        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        # Every table was filled in bulk: statistics for the planner now, not
        # whenever autovacuum comes by (core/db_statistics.py).
        analyze()
        self.stdout.write("ANALYZE: every table")
        self.stdout.write(self.style.SUCCESS("Restore complete"))

    def check_migrations(self, manifest):
        loader = MigrationLoader(None, ignore_no_migrations=True)
        known = {f"{app}.{name}" for app, name in loader.disk_migrations}
        unknown = sorted(set(manifest["migrations"]) - known)
        if unknown:
            raise CommandError(
                "The backup comes from newer code (unknown migrations: "
                f"{', '.join(unknown[:5])}). Deploy that code, then restore."
            )

    def check_counts(self, manifest):
        restored = backup.row_counts()
        missing = {
            label: (count, restored.get(label, 0))
            for label, count in manifest["row_counts"].items()
            if restored.get(label, 0) != count
        }
        if missing:
            details = ", ".join(
                f"{label}: {got} of {expected}"
                for label, (expected, got) in sorted(missing.items())
            )
            raise CommandError(f"Restored row counts differ from the backup: {details}")
