"""Two versions of an article side by side: what readers read (title,
bylines, body text and the rest of the metadata), not the staff's revision
diff. difflib's HTML table, one line per field item and body paragraph."""

import difflib

# (metadata key, label), in reading order; lists give one line per item.
FIELDS = [
    ("column", "栏目"),
    ("kicker", "眉题"),
    ("title", "标题"),
    ("standfirst", "导语"),
    ("date", "时间"),
    ("source", "来源"),
    ("bylines", "署名"),
    ("body", "正文"),
    ("disclaimer", "免责声明"),
    ("responsible_editor", "责任编辑"),
    ("corrections", "更正与追记"),
    ("tags", "标签"),
]


def correction_line(item) -> str:
    if isinstance(item, dict):
        kind, when = item.get("kind", ""), item.get("published_at", "")
        return f"{kind}（{when}）：{item.get('text', '')}"
    return str(item)


def lines(metadata: dict) -> list[str]:
    out = []
    for key, label in FIELDS:
        value = metadata.get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            items = [correction_line(item) for item in value]
            out += [f"【{label}】", *items]
        else:
            out.append(f"【{label}】{value}")
    return out


def side_by_side(older, newer) -> str:
    """An HTML table of the two entries' differences (difflib escapes)."""
    return difflib.HtmlDiff(wrapcolumn=48).make_table(
        lines(older.metadata),
        lines(newer.metadata),
        fromdesc=f"#{older.sequence} {older.get_event_display()}",
        todesc=f"#{newer.sequence} {newer.get_event_display()}",
    )
