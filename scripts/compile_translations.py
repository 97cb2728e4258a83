"""Compile every gettext catalog of the project (locale/ and each app's
locale/) to the .mo beside it, with polib: no gettext tools needed.

The .mo files are build output (ignored by git); `make install` runs this.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "build", ".git"}


def catalogs(root: Path = ROOT):
    for path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po")):
        if not SKIP & set(path.relative_to(root).parts):
            yield path


def main() -> int:
    for po_path in catalogs():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        sys.stdout.write(f"compiled {mo_path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
