"""The yearly governance summary of the comment area in the admin, for
staff (anyone who may enter the admin: aggregate figures only), and its
CSV (security's safe cells)."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from feedback import governance_community as community
from feedback.figures import chart
from feedback.governance import HEADINGS, summary
from security.spreadsheet import csv_lines

FIRST_YEAR = 2000


class ChartMonth:
    """A month as feedback.figures.chart() draws it: received vs published."""

    def __init__(self, row):
        self.label = row.label
        self.short_label = row.short_label
        self.received = row.received
        self.replied = row.published


class GovernanceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/governance.html"
    page_title = _("Comment governance summary")
    header_icon = "table"

    def year(self) -> int:
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            return this_year
        return min(max(year, FIRST_YEAR), this_year)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv(self.year())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = summary(self.year())
        this_year = timezone.localdate().year
        context.update(
            data,
            chart=chart([ChartMonth(row) for row in data["months"]]),
            headings=HEADINGS,
            community=community.community_summary(self.year()),
            community_headings=community.HEADINGS,
            years=range(this_year, max(FIRST_YEAR, this_year - 5) - 1, -1),
        )
        return context

    def csv(self, year: int):
        data = summary(year)
        community_data = community.community_summary(year)
        rows = [
            *(row.cells() for row in data["months"]),
            data["total"].cells(),
            [],
            *(row.cells() for row in data["columns"]),
            [],
            [str(heading) for heading in community.HEADINGS],
            *(row.cells() for row in community_data["months"]),
            community_data["total"].cells(),
        ]
        response = StreamingHttpResponse(
            csv_lines([str(heading) for heading in HEADINGS], rows),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="comment-governance-{year}.csv"'
        )
        return response
