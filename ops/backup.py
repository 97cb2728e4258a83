"""What a site backup holds and how it is read back.

A backup is a folder: database.json.gz (Django's dumpdata with natural keys
for content types, permissions and users, so it loads into any empty
database of this project, SQLite or PostgreSQL), media.tar.gz (uploaded
originals and renditions) and manifest.json (when, from which migrations,
and how many rows of each model, which restore checks against)."""

import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db.migrations.recorder import MigrationRecorder

DATABASE_FILE = "database.json.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"

# Rebuilt rather than restored: content types and permissions (post_migrate),
# search and reference indexes (update_index, rebuild_references_index); and
# what has no business in a backup: sessions, editing locks, login attempts,
# purges waiting for a front cache, the scheduler's record of its last runs.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
    "wagtailadmin.editingsession",
    "axes",
    "caching.pendingpurge",
    "core.scheduledjob",
]


def excluded_labels() -> list[str]:
    """EXCLUDED, less what this database or project does not have."""
    labels = []
    for label in EXCLUDED:
        app_label, _, model_name = label.partition(".")
        if not apps.is_installed(app_label) and app_label not in {
            config.label for config in apps.get_app_configs()
        }:
            continue
        if model_name:
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                continue
        labels.append(label)
    return labels


def backed_up_models():
    excluded = set(excluded_labels())
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed:
            continue
        if label in excluded or model._meta.app_label in excluded:
            continue
        yield model


def row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in backed_up_models()
    }


def applied_migrations() -> list[str]:
    return sorted(
        f"{app}.{name}"
        for app, name in MigrationRecorder.Migration.objects.values_list("app", "name")
    )


def media_root() -> Path | None:
    """MEDIA_ROOT when media live on local disk; None for S3 and the like,
    which keep their own versions and copies."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def read_manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))


def archive_media(root: Path, target: Path) -> int:
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                archive.add(path, arcname=path.relative_to(root).as_posix())
                count += 1
    return count


def extract_media(source: Path, root: Path) -> int:
    """Unpack into MEDIA_ROOT; the "data" filter refuses absolute paths,
    "..", links and device files, so a doctored archive cannot write
    outside MEDIA_ROOT."""
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:gz") as archive:
        members = archive.getmembers()
        archive.extractall(root, filter="data")
    return sum(1 for member in members if member.isfile())
