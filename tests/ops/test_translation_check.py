"""The system check that the compiled catalogs (.mo, build output) are there
and no older than their .po: otherwise the site shows English strings."""

import os
import tempfile
from pathlib import Path
from unittest import mock

import polib
from django.apps import apps
from django.core.checks import run_checks
from django.test import SimpleTestCase, override_settings

from ops.checks import locale_dirs, translations_are_compiled

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Reader feedback"
msgstr "读者反馈"
"""


def write_catalog(locale: Path, compiled: bool = True) -> Path:
    folder = locale / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po_path = folder / "django.po"
    po_path.write_text(PO, encoding="utf-8")
    if compiled:
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return po_path


def make_older(path: Path, seconds: int = 60) -> None:
    stat = path.stat()
    os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


class TranslationCheckTests(SimpleTestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.base = Path(tmp.name)
        settings = override_settings(
            BASE_DIR=self.base, LOCALE_PATHS=[self.base / "locale"]
        )
        settings.enable()
        self.addCleanup(settings.disable)

    def ids(self):
        return [error.id for error in translations_are_compiled(None)]

    def test_compiled_catalogs_pass(self):
        write_catalog(self.base / "locale")
        self.assertEqual(self.ids(), [])

    def test_a_catalog_without_its_mo_is_an_error(self):
        po_path = write_catalog(self.base / "locale", compiled=False)
        errors = translations_are_compiled(None)
        self.assertEqual([error.id for error in errors], ["ops.E001"])
        self.assertIn(str(po_path), errors[0].msg)
        self.assertIn("scripts/compile_translations.py", errors[0].hint)

    def test_a_mo_older_than_its_po_is_an_error(self):
        po_path = write_catalog(self.base / "locale")
        make_older(po_path.with_suffix(".mo"))
        self.assertEqual(self.ids(), ["ops.E002"])

    def test_an_apps_own_catalog_is_checked(self):
        app_dir = self.base / "ops"
        po_path = write_catalog(app_dir / "locale")
        make_older(po_path.with_suffix(".mo"))
        config = apps.get_app_config("ops")
        with mock.patch.object(config, "path", str(app_dir)):
            self.assertEqual(self.ids(), ["ops.E002"])
            po_path.with_suffix(".mo").unlink()
            self.assertEqual(self.ids(), ["ops.E001"])

    def test_installed_packages_catalogs_are_not_checked(self):
        # Their paths are outside BASE_DIR here; the real project's too.
        self.assertEqual(locale_dirs(), [self.base / "locale"])

    def test_the_check_runs_with_the_others(self):
        write_catalog(self.base / "locale", compiled=False)
        self.assertIn("ops.E001", [error.id for error in run_checks()])


class ProjectCatalogsTests(SimpleTestCase):
    def test_the_projects_catalogs_are_compiled(self):
        """`make install` compiled every catalog of this checkout; this is
        what the check reads (LOCALE_PATHS and the apps' locale/)."""
        self.assertEqual(translations_are_compiled(None), [])

    def test_the_project_and_its_apps_are_covered(self):
        dirs = {str(path) for path in locale_dirs()}
        for app in ("feedback", "articles", "editorial"):
            self.assertIn(apps.get_app_config(app).path + "/locale", dirs)
        self.assertNotIn(apps.get_app_config("wagtailadmin").path + "/locale", dirs)
