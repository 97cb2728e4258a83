"""The yearly governance summary of the comment area, for staff: per month
and per column, from the comment operations log (commentlog/), which keeps
what the feedback tables lose (purged spam, refused submissions, switches).

Definitions (also printed on the page):
- received: comments readers submitted (stored; duplicates and refusals
  because comments were closed are not stored, see refused);
- published: comments staff made public;
- refused: comments staff hid, rejected or marked as spam, comments the
  screening caught as spam, and submissions refused because comments were
  closed;
- reports: readers' reports of published comments or replies;
- switches: comments closed or reopened (article, column, site);
- median review time: from a comment's submission to the staff decision on
  it (published, hidden or spam), in hours, for decisions taken that month."""

import datetime as dt
from dataclasses import dataclass, field
from statistics import median

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import ColumnPage
from commentlog.models import Action, CommentLogEntry
from feedback.figures import month_label, short_month_label

DECISIONS = {"publish", "hide", "spam", "reject"}
REFUSALS = {"hide", "spam", "reject"}
COMMENT = "comment"


@dataclass
class Row:
    label: str
    short_label: str = ""
    received: int = 0
    published: int = 0
    refused: int = 0
    reports: int = 0
    switches: int = 0
    review_hours: list[float] = field(default_factory=list)

    @property
    def median_review_hours(self) -> float | None:
        return round(median(self.review_hours), 1) if self.review_hours else None

    def cells(self) -> list:
        return [
            self.label,
            self.received,
            self.published,
            self.refused,
            self.reports,
            self.switches,
            "" if self.median_review_hours is None else self.median_review_hours,
        ]


HEADINGS = [
    _("Period or column"),
    _("Comments received"),
    pgettext_lazy("comment governance", "Published"),
    _("Refused"),
    _("Reports"),
    _("Switches"),
    _("Median review time (hours)"),
]


def year_bounds(year: int):
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    return start, timezone.make_aware(dt.datetime(year + 1, 1, 1))


def summary(year: int) -> dict:
    """{"months": [Row x 12], "columns": [Row ...], "total": Row}."""
    start, end = year_bounds(year)
    months = [
        Row(month_label(year, month), short_month_label(month))
        for month in range(1, 13)
    ]
    total = Row(str(_("Whole year")))
    columns: dict = {}
    rows = list(
        CommentLogEntry.objects.filter(created_at__gte=start, created_at__lt=end)
        .exclude(action=Action.EXPORT)
        .values_list("action", "step", "item_id", "created_at", "detail")
    )
    decided = {
        item_id
        for action, step, item_id, _at, detail in rows
        if action == Action.MODERATE and step in DECISIONS and item_id
    }
    submitted_at = dict(
        CommentLogEntry.objects.filter(action=Action.SUBMIT, item_id__in=decided)
        .order_by("item_id", "created_at")
        .values_list("item_id", "created_at")
    )
    for action, step, item_id, at, detail in rows:
        detail = detail or {}
        month = months[timezone.localtime(at).month - 1]
        column_id = detail.get("column")
        column = columns.setdefault(column_id, Row(str(column_id)))
        is_comment = detail.get("kind") == COMMENT
        targets = (month, column, total)
        for row in targets:
            if action == Action.SUBMIT and is_comment:
                row.received += 1
            elif action == Action.MODERATE and is_comment and step == "publish":
                row.published += 1
            elif action == Action.MODERATE and is_comment and step in REFUSALS:
                row.refused += 1
            elif (
                action == Action.SCREEN
                and is_comment
                and detail.get("screening") == "spam"
            ):
                row.refused += 1
            elif action == Action.REFUSED_CLOSED:
                row.refused += 1
            elif action == Action.REPORT:
                row.reports += 1
            elif action == Action.SWITCH:
                row.switches += 1
        if (
            action == Action.MODERATE
            and is_comment
            and step in DECISIONS
            and item_id in submitted_at
        ):
            hours = (at - submitted_at[item_id]).total_seconds() / 3600
            for row in targets:
                row.review_hours.append(hours)
    titles = dict(
        ColumnPage.objects.filter(
            pk__in=[key for key in columns if key is not None]
        ).values_list("pk", "title")
    )
    for key, row in columns.items():
        row.label = titles.get(key) or str(
            _("Site-wide / unknown column") if key is None else _("Deleted column")
        )
    ordered = sorted(columns.values(), key=lambda row: (-row.received, row.label))
    return {"year": year, "months": months, "columns": ordered, "total": total}
