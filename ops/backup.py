"""What a site backup holds and how it is read back.

A backup is a folder: database.json.gz (Django's dumpdata with natural keys
for content types, permissions and users, so it loads into any empty
database of this project, SQLite or PostgreSQL), media.tar.gz (uploaded
originals and renditions, read through Django's storage API: from the local
disk or from S3-compatible storage alike) and manifest.json (when, from
which migrations, and how many rows of each model, which restore checks
against)."""

import io
import json
import os
import posixpath
import tarfile
import time
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.db.migrations.recorder import MigrationRecorder

DATABASE_FILE = "database.json.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
# Where tar's "data" filter pretends to unpack: only to refuse names that
# would land outside it.
ARCHIVE_ROOT = "/media-archive"

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


def write_manifest(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST_FILE).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def read_manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))


def media_files(storage) -> list[str]:
    """Every file in the media storage (local disk, S3, …), walked through
    Django's storage API; on local disk, links are left out."""
    found = []

    def walk(folder):
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:  # no media folder yet
            return
        for name in files:
            path = posixpath.join(folder, name)
            if not _is_link(storage, path):
                found.append(path)
        for name in folders:
            walk(posixpath.join(folder, name))

    walk("")
    return sorted(found)


def _is_link(storage, name: str) -> bool:
    try:
        return os.path.islink(storage.path(name))
    except NotImplementedError:  # not on a local disk
        return False


def archive_media(storage, target: Path) -> int:
    """Copy every media file from the storage into a .tar.gz."""
    names = media_files(storage)
    with tarfile.open(target, "w:gz") as archive:
        for name in names:
            with storage.open(name, "rb") as handle:
                data = handle.read()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            member.mtime = int(time.time())
            archive.addfile(member, io.BytesIO(data))
    return len(names)


def extract_media(source: Path, storage) -> int:
    """Put every file of the archive back into the storage under its own
    name (replacing a file of that name). Tar's "data" filter refuses
    absolute paths, "..", links and device files, so a doctored archive
    cannot write outside the media storage."""
    count = 0
    with tarfile.open(source, "r:gz") as archive:
        for member in archive:
            member = tarfile.data_filter(member, ARCHIVE_ROOT)
            if not member.isfile():
                continue
            name = member.name
            with archive.extractfile(member) as handle:
                if storage.exists(name):
                    storage.delete(name)
                saved = storage.save(name, File(handle, name=posixpath.basename(name)))
            if saved != name:
                raise tarfile.TarError(f"{name} was stored as {saved}")
            count += 1
    return count
