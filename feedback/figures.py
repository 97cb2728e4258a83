"""The public figures: how the newsroom answers its readers.

Definitions (also printed on the page):
- 收到: every item readers sent, except spam.
- 受理: complaints, suggestions and corrections that were accepted.
- 回复率: accepted items with at least one official reply / accepted items.
- 办结率: accepted items that are closed / accepted items.
- 满意率: ratings 满意 or 基本满意 / all ratings.
- 首次回复用时(中位数): from submission to the first official reply.
- 逾期: items that missed a deadline, or are past one now."""

import datetime as dt
from dataclasses import dataclass, field
from statistics import median

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from feedback.models import (
    ANSWERED_KINDS,
    OPEN_STATES,
    Feedback,
    Kind,
    Rating,
    State,
)

CACHE_KEY = "feedback:figures"
CACHE_SECONDS = 300
MONTHS = 12
SATISFIED = {Rating.SATISFIED, Rating.BASICALLY_SATISFIED}


def month_label(year: int, month: int) -> str:
    return pgettext("month", "%(year)d-%(month)02d") % {"year": year, "month": month}


def short_month_label(month: int) -> str:
    """The month without its year, under a bar of a chart."""
    return pgettext("month without the year", "%(month)d") % {"month": month}


@dataclass
class Figures:
    label: str
    short_label: str = ""
    received: int = 0
    accepted: int = 0
    replied: int = 0
    closed: int = 0
    rated: int = 0
    satisfied: int = 0
    overdue: int = 0
    reply_hours: list[float] = field(default_factory=list)

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def reply_rate(self):
        return self._rate(self.replied, self.accepted)

    @property
    def close_rate(self):
        return self._rate(self.closed, self.accepted)

    @property
    def satisfaction_rate(self):
        return self._rate(self.satisfied, self.rated)

    @property
    def median_reply_hours(self) -> float | None:
        return round(median(self.reply_hours), 1) if self.reply_hours else None

    def add(self, row: dict, now) -> None:
        self.received += 1
        if row["kind"] not in ANSWERED_KINDS:
            return
        if row["accepted_at"]:
            self.accepted += 1
            if row["first_replied_at"]:
                self.replied += 1
            if row["state"] == State.CLOSED:
                self.closed += 1
        if row["first_replied_at"]:
            hours = (row["first_replied_at"] - row["created_at"]).total_seconds()
            self.reply_hours.append(hours / 3600)
        if row["rating"]:
            self.rated += 1
            self.satisfied += row["rating"] in SATISFIED
        if row["missed_deadline"] or _overdue_now(row, now):
            self.overdue += 1


def _overdue_now(row, now) -> bool:
    if row["state"] == State.SUBMITTED:
        return bool(row["accept_due"] and now > row["accept_due"])
    if row["state"] in OPEN_STATES:
        return bool(row["reply_due"] and now > row["reply_due"])
    return False


def _month_starts(today: dt.date, count: int) -> list[dt.date]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(months))


def compute(now=None) -> dict:
    now = now or timezone.now()
    # Appeals against sanctions concern a reader, not an article or column.
    rows = (
        Feedback.objects.not_spam()
        .exclude(kind=Kind.APPEAL)
        .values(
            "kind",
            "state",
            "rating",
            "column_id",
            "column__title",
            "created_at",
            "accepted_at",
            "first_replied_at",
            "accept_due",
            "reply_due",
            "missed_deadline",
        )
    )
    overall = Figures(pgettext("figures", "All"))
    columns: dict[int | None, Figures] = {}
    months = {
        start: Figures(
            month_label(start.year, start.month), short_month_label(start.month)
        )
        for start in _month_starts(timezone.localdate(now), MONTHS)
    }
    for row in rows:
        overall.add(row, now)
        column = columns.setdefault(
            row["column_id"],
            Figures(row["column__title"] or gettext("(column deleted)")),
        )
        column.add(row, now)
        local = timezone.localtime(row["created_at"]).date()
        if (month := months.get(local.replace(day=1))) is not None:
            month.add(row, now)
    return {
        "overall": overall,
        "columns": sorted(columns.values(), key=lambda figures: -figures.received),
        "months": list(months.values()),
        "computed_at": now,
    }


def cached_figures() -> dict:
    figures = cache.get(CACHE_KEY)
    if figures is None:
        figures = compute()
        cache.set(CACHE_KEY, figures, CACHE_SECONDS)
    return figures


# The chart: received and replied per month, drawn as plain SVG on the server.
CHART_WIDTH, CHART_HEIGHT = 720, 240
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 40, 16, 200


def chart(months: list[Figures]) -> dict:
    peak = max([month.received for month in months] + [1])
    step = _nice_step(peak)
    top = step * -(-peak // step)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (CHART_WIDTH - PLOT_LEFT) / len(months)
    bar = slot * 0.35

    def height(value):
        return round(plot_height * value / top, 1)

    bars = []
    for index, month in enumerate(months):
        x = PLOT_LEFT + index * slot + slot * 0.12
        bars.append(
            {
                "label": month.short_label or month.label,
                "title": month.label,
                "received": month.received,
                "replied": month.replied,
                "received_x": round(x, 1),
                "replied_x": round(x + bar, 1),
                "received_y": PLOT_BOTTOM - height(month.received),
                "replied_y": PLOT_BOTTOM - height(month.replied),
                "received_height": height(month.received),
                "replied_height": height(month.replied),
                "label_x": round(x + bar, 1),
            }
        )
    ticks = [
        {"value": value, "y": PLOT_BOTTOM - height(value)}
        for value in range(0, top + 1, step)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "bottom": PLOT_BOTTOM,
        "bar_width": round(bar, 1),
        "bars": bars,
        "ticks": ticks,
    }


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if peak / step <= 5:
            return step
    return 10000
