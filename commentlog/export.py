"""The comment log as CSV, for a regulator's request: every cell through
security's safe_cell (the same formula escaping as the feedback export)."""

import json

from django.utils import timezone

from security.spreadsheet import csv_lines

from .models import CommentLogEntry

HEADINGS = [
    "id",
    "time",
    "action",
    "step",
    "commenter_id",
    "item_id",
    "article_id",
    "ip",
    "staff_user_id",
    "staff_user",
    "content_sha256",
    "detail",
]


def entries_between(start=None, end=None):
    """Rows with start <= created_at < end (either may be None), oldest first."""
    rows = CommentLogEntry.objects.order_by("created_at", "pk")
    if start is not None:
        rows = rows.filter(created_at__gte=start)
    if end is not None:
        rows = rows.filter(created_at__lt=end)
    return rows


def _row(entry):
    return [
        entry.pk,
        timezone.localtime(entry.created_at).isoformat(),
        entry.action,
        entry.step,
        entry.reader_id,
        entry.item_id,
        entry.article_id,
        entry.ip_address,
        entry.user_id,
        entry.user_name,
        entry.content_sha256,
        json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)
        if entry.detail
        else "",
    ]


def csv_export(entries):
    """The CSV file, line by line (for a StreamingHttpResponse or a file)."""
    return csv_lines(HEADINGS, (_row(entry) for entry in entries.iterator()))
