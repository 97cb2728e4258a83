"""The comment community in the yearly governance summary: readers'
reports and what came of them, comments hidden after a burst of reports,
and the sanctions staff applied, by kind, per month, from the comment log
(commentlog/). Shown and exported beside feedback/governance.py's table."""

from dataclasses import dataclass, fields

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commentlog.models import Action, CommentLogEntry
from feedback.figures import month_label
from feedback.governance import year_bounds


@dataclass
class CommunityRow:
    label: str
    reports: int = 0
    deleted: int = 0
    hidden: int = 0
    kept: int = 0
    auto_hidden: int = 0
    warning: int = 0
    restrict: int = 0
    mute: int = 0
    ban: int = 0
    lift_ban: int = 0

    def cells(self) -> list:
        return [getattr(self, f.name) for f in fields(self)]


HEADINGS = [
    _("Month"),
    _("Reports"),
    _("Reports upheld: deleted"),
    _("Reports upheld: hidden"),
    _("Reports unfounded: kept"),
    _("Hidden after many reports"),
    _("Warnings"),
    _("Restrictions"),
    _("Mutes"),
    _("Bans"),
    _("Bans lifted"),
]
OUTCOMES = {"deleted", "hidden", "kept"}
SANCTIONS = {"warning", "restrict", "mute", "ban", "lift_ban"}


def community_summary(year: int) -> dict:
    """{"months": [CommunityRow x 12], "total": CommunityRow}."""
    start, end = year_bounds(year)
    months = [CommunityRow(month_label(year, month)) for month in range(1, 13)]
    total = CommunityRow(str(_("Whole year")))
    counted = Q(action__in=[Action.REPORT, Action.REPORT_OUTCOME, Action.SANCTION])
    rows = (
        CommentLogEntry.objects.filter(created_at__gte=start, created_at__lt=end)
        .filter(counted | Q(action=Action.MODERATE, step="auto_hide"))
        .values_list("action", "step", "created_at", "detail")
    )
    for action, step, at, detail in rows:
        month = months[timezone.localtime(at).month - 1]
        for row in (month, total):
            if action == Action.REPORT:
                row.reports += 1
            elif action == Action.REPORT_OUTCOME and step in OUTCOMES:
                count = (detail or {}).get("reports", 1)
                setattr(row, step, getattr(row, step) + count)
            elif action == Action.SANCTION and step in SANCTIONS:
                setattr(row, step, getattr(row, step) + 1)
            elif action == Action.MODERATE and step == "auto_hide":
                row.auto_hidden += 1
    return {"months": months, "total": total}
