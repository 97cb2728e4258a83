"""Two versions of an article side by side: what readers read (title,
bylines, body text and the rest of the metadata), not the staff's revision
diff. One line per field, list item and body paragraph, compared with
difflib; the changed characters of a changed line are marked."""

import difflib

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

# (metadata key, label), in reading order; lists give one line per item.
FIELDS = [
    ("column", _("Column")),
    ("kicker", _("Kicker")),
    ("title", _("Title")),
    ("standfirst", _("Standfirst")),
    ("date", _("Date")),
    ("source", _("Source")),
    ("bylines", _("Bylines")),
    ("body", _("Body")),
    ("disclaimer", _("Disclaimer")),
    ("responsible_editor", _("Responsible editor")),
    ("corrections", _("Corrections and updates")),
    ("tags", _("Tags")),
]


def heading(label) -> str:
    return pgettext("record diff", "[%(label)s]") % {"label": label}


def correction_line(item) -> str:
    if isinstance(item, dict):
        kind, when = item.get("kind", ""), item.get("published_at", "")
        return pgettext("record diff", "%(kind)s (%(when)s): %(text)s") % {
            "kind": kind,
            "when": when,
            "text": item.get("text", ""),
        }
    return str(item)


def lines(metadata: dict) -> list[str]:
    out = []
    for key, label in FIELDS:
        value = metadata.get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            items = [correction_line(item) for item in value]
            out += [heading(label), *items]
        else:
            out.append(f"{heading(label)}{value}")
    return out


def segments(old: str, new: str):
    """The two lines as (text, changed) pieces, compared character by
    character (Chinese has no spaces to split words at)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    before, after = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before.append((old[i1:i2], tag != "equal"))
        after.append((new[j1:j2], tag != "equal"))
    return [piece for piece in before if piece[0]], [
        piece for piece in after if piece[0]
    ]


def side_by_side(older, newer) -> list[dict]:
    """Rows of the two entries' texts side by side: unchanged, changed
    (with the changed characters marked), removed or added. Plain text
    pieces: the template escapes them."""
    old_lines, new_lines = lines(older.metadata), lines(newer.metadata)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    rows = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                {"kind": "same", "old": [(line, False)], "new": [(line, False)]}
                for line in old_lines[i1:i2]
            ]
            continue
        old_part, new_part = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(old_part), len(new_part))):
            old = old_part[index] if index < len(old_part) else None
            new = new_part[index] if index < len(new_part) else None
            if old is not None and new is not None:
                before, after = segments(old, new)
                rows.append({"kind": "changed", "old": before, "new": after})
            elif old is not None:
                rows.append({"kind": "removed", "old": [(old, True)], "new": []})
            else:
                rows.append({"kind": "added", "old": [], "new": [(new, True)]})
    return rows
