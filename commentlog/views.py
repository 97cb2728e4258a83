"""The comment log in the Wagtail admin: a filtered listing and its CSV,
for the site administrator role only (commentlog/access.py). Reading the
listing is not logged; an export is."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from security.client_ip import client_ip

from . import log
from .access import may_read_log
from .export import csv_export, entries_between
from .models import Action

PER_PAGE = 100


class LogFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To (included)"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", "—"), *Action.choices]
    )
    reader = forms.IntegerField(label=_("Commenter ID"), required=False)
    item = forms.IntegerField(label=_("Feedback item ID"), required=False)
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)

    def entries(self):
        data = self.cleaned_data if self.is_valid() else {}

        def start_of(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

        start = data.get("start")
        end = data.get("end")
        rows = entries_between(
            start_of(start) if start else None,
            start_of(end + datetime.timedelta(days=1)) if end else None,
        )
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("reader") is not None:
            rows = rows.filter(reader_id=data["reader"])
        if data.get("item") is not None:
            rows = rows.filter(item_id=data["item"])
        if data.get("ip"):
            rows = rows.filter(ip_address=data["ip"])
        return rows, data


class LogAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_read_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LogIndexView(LogAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "commentlog/admin/index.html"
    header_icon = "list-ul"
    page_title = _("Comment operations log")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LogFilterForm(self.request.GET or None)
        rows, _data = form.entries()
        page = Paginator(rows.order_by("-created_at", "-pk"), PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            page_obj=page,
            entries=page.object_list,
            query=query.urlencode(),
        )
        return context


class LogExportView(LogAccessMixin, View):
    def get(self, request):
        form = LogFilterForm(request.GET or None)
        rows, data = form.entries()
        given = {key: str(value) for key, value in data.items() if value}
        log.record(
            log.Action.EXPORT,
            step="admin",
            ip=client_ip(request),
            user=request.user,
            detail=given | {"rows": rows.count()},
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        response = StreamingHttpResponse(
            csv_export(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="comment-log-{stamp}.csv"'
        )
        response["Cache-Control"] = "no-store"
        return response
