"""The comment switches in the admin: one page listing what is closed, the
site-wide emergency switch for the chief editor (one click), and the
confirm page of an article's or a column's switch (reached from the page's
header button). feedback/switches.py decides who may and what happens."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from feedback import switches
from feedback.models import CommentSwitch, Scope
from security.client_ip import client_ip


class NoticeForm(forms.Form):
    notice = forms.CharField(
        label=_("Notice shown in place of the form"),
        max_length=200,
        required=False,
        widget=forms.TextInput,
        help_text=_("Leave empty for the standard notice."),
    )


def may_switch_anything(user) -> bool:
    return any(user.has_perm(name) for name in switches.PERMISSIONS.values())


class SwitchesIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/switches.html"
    page_title = _("Comment switches")
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        if not may_switch_anything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            site=switches.site_switch(),
            may_switch_site=switches.may_switch(user, Scope.SITE),
            closed=CommentSwitch.objects.filter(closed=True)
            .exclude(scope=Scope.SITE)
            .select_related("page", "changed_by")
            .order_by("-changed_at"),
            form=NoticeForm(),
            default_notice=switches.DEFAULT_NOTICES[Scope.SITE],
        )
        return context

    def post(self, request):
        """The emergency switch: one click closes (or reopens) everything."""
        if not switches.may_switch(request.user, Scope.SITE):
            raise PermissionDenied
        form = NoticeForm(request.POST)
        form.is_valid()
        close = request.POST.get("action") == "close"
        switches.set_comments(
            Scope.SITE,
            closed=close,
            user=request.user,
            notice=form.cleaned_data.get("notice", ""),
            ip=client_ip(request),
        )
        messages.success(
            request,
            _("Comments are closed on the whole site.")
            if close
            else _("Comments are open again on the whole site."),
        )
        return redirect("feedback_switches:index")


class PageSwitchView(WagtailAdminTemplateMixin, TemplateView):
    """Close or reopen comments on one article or column."""

    template_name = "feedback/admin/page_switch.html"
    header_icon = "cog"

    def dispatch(self, request, scope, page_id):
        self.scope = Scope(scope) if scope in Scope.values else None
        if self.scope is None or self.scope == Scope.SITE:
            raise Http404
        self.page = switches.switchable_page(page_id, self.scope)
        if self.page is None:
            raise Http404
        if not switches.may_switch(request.user, self.scope, self.page):
            raise PermissionDenied
        return super().dispatch(request, scope, page_id)

    def get_page_title(self):
        return str(_("Comment switch"))

    def get_page_subtitle(self):
        return self.page.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        switch = switches.switch_for(self.scope, self.page)
        context.update(
            page=self.page,
            scope=self.scope,
            switch=switch,
            is_closed=bool(switch and switch.closed),
            form=kwargs.get("form") or NoticeForm(),
            default_notice=switches.DEFAULT_NOTICES[self.scope],
        )
        return context

    def post(self, request, scope, page_id):
        form = NoticeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        close = request.POST.get("action") == "close"
        switches.set_comments(
            self.scope,
            closed=close,
            user=request.user,
            page=self.page,
            notice=form.cleaned_data["notice"],
            ip=client_ip(request),
        )
        messages.success(
            request,
            _("Comments closed on “%(title)s”.") % {"title": self.page.title}
            if close
            else _("Comments open again on “%(title)s”.") % {"title": self.page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
