"""The project's compiled catalogs are there and current.

The `.mo` files are build output (not committed): `make install` and the
deploy steps compile them with `scripts/compile_translations.py`. Without
them Django falls back to the English source strings: readers' pages (always
Chinese) and the admin of every zh-hans user would show English. So a
missing or stale `.mo` is an error, on every `check`, `migrate` and
`runserver`, not a deploy-only warning (docs/deploy.md).
"""

import sysconfig
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register

COMPILE = "scripts/compile_translations.py"


def _installed_package_dirs() -> list[Path]:
    paths = sysconfig.get_paths()
    return [Path(paths[name]).resolve() for name in ("purelib", "platlib")]


def locale_dirs() -> list[Path]:
    """LOCALE_PATHS and the locale/ of each of the project's own apps (not
    of installed packages, which ship their compiled catalogs)."""
    base = Path(settings.BASE_DIR).resolve()
    packages = _installed_package_dirs()
    dirs = [Path(path) for path in settings.LOCALE_PATHS]
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(base):
            continue
        if any(path.is_relative_to(package) for package in packages):
            continue
        dirs.append(path / "locale")
    return dirs


def catalog_problems() -> list[tuple[Path, str]]:
    """(po path, "missing" or "stale") for each catalog not compiled since
    its .po last changed, as scripts/compile_translations.py decides."""
    problems = []
    seen = set()
    for locale in locale_dirs():
        for po_path in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            if po_path in seen:
                continue
            seen.add(po_path)
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists():
                problems.append((po_path, "missing"))
            elif mo_path.stat().st_mtime < po_path.stat().st_mtime:
                problems.append((po_path, "stale"))
    return problems


@register()
def translations_are_compiled(app_configs, **kwargs):
    errors = []
    for po_path, problem in catalog_problems():
        if problem == "missing":
            message = f"{po_path} has no compiled catalog (.mo) beside it."
            check_id = "ops.E001"
        else:
            message = f"{po_path.with_suffix('.mo')} is older than {po_path.name}."
            check_id = "ops.E002"
        errors.append(
            Error(
                message,
                hint=(
                    f"Run `.venv/bin/python {COMPILE}` (`make install` does): "
                    "without it these strings show in English."
                ),
                obj=str(po_path),
                id=check_id,
            )
        )
    return errors
