"""The record in the admin: a page's archived versions, any two side by
side, and the export for a legal request."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from record import chain, diff
from record.access import may_read_record
from record.export import export_zip
from record.models import Entry


class PageRecordMixin:
    """The page id from the URL; the person must be allowed to read it, and
    there must be a record."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page_id = kwargs["page_id"]
        if not may_read_record(request.user, self.page_id):
            raise PermissionDenied
        self.entries = Entry.objects.filter(page_id=self.page_id).order_by("sequence")
        if not self.entries.exists():
            raise Http404(_("This article has no record"))
        self.page = Page.objects.filter(pk=self.page_id).first()

    def record_title(self) -> str:
        if self.page is not None:
            return self.page.title
        return self.entries.last().title


class VersionsView(PageRecordMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "record/admin/versions.html"
    header_icon = "history"
    _show_breadcrumbs = True

    def get_page_title(self):
        return _("The record")

    def get_page_subtitle(self):
        return self.record_title()

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if self.page is not None:
            items.append(
                {
                    "url": reverse("wagtailadmin_pages:edit", args=[self.page_id]),
                    "label": self.page.title,
                }
            )
        return [*items, {"url": "", "label": _("The record")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = list(self.entries)
        context.update(
            {
                "page_id": self.page_id,
                "broken": chain.verify_page(entries),
                "entries": list(reversed(entries)),
                "newest": entries[-1],
                "compare_url": reverse("record:compare", args=[self.page_id]),
                "export_url": reverse("record:export", args=[self.page_id]),
            }
        )
        return context


class CompareView(PageRecordMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "record/admin/compare.html"
    header_icon = "history"
    _show_breadcrumbs = True

    def get_page_title(self):
        return _("Compare two published versions")

    def get_page_subtitle(self):
        return self.record_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("record:versions", args=[self.page_id]),
                "label": _("The record"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def entry(self, key):
        raw = self.request.GET.get(key, "")
        if not raw.isdigit():
            raise Http404(_("Choose two versions"))
        entry = self.entries.filter(sequence=int(raw)).first()
        if entry is None:
            raise Http404(_("There is no such version"))
        return entry

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        older, newer = sorted(
            (self.entry("a"), self.entry("b")), key=lambda entry: entry.sequence
        )
        context.update(
            {
                "older": older,
                "newer": newer,
                "rows": diff.side_by_side(older, newer),
                "same": diff.lines(older.metadata) == diff.lines(newer.metadata),
                "versions_url": reverse("record:versions", args=[self.page_id]),
            }
        )
        return context


class ExportView(PageRecordMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            export_zip(self.page_id), content_type="application/zip"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="record-page-{self.page_id}.zip"'
        )
        return response
