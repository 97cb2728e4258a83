"""A commenter's credit page in the admin: the credit state, every record,
and a form for what this person may do (readers/standing.py decides)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from readers import standing
from readers.models import Reader, SanctionKind, Standing
from security.client_ip import client_ip


def may_see_credit(user) -> bool:
    return bool(
        user.is_active
        and any(user.has_perm(name) for name in set(standing.PERMISSION_FOR.values()))
    )


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to do"), choices=())
    days = forms.IntegerField(
        label=_("Days (a mute)"),
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Only for a mute; empty: the default length."),
    )
    reason = forms.CharField(
        label=_("Reason (shown to the commenter)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, SanctionKind(kind).label) for kind in kinds
        ]


class CreditView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "readers/admin/credit.html"
    page_title = _("Credit and sanctions")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_credit(request.user):
            raise PermissionDenied
        self.reader = get_object_or_404(Reader, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.reader)

    def kinds(self):
        return standing.kinds_for(self.request.user, self.reader)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        state = standing.current(self.reader)
        context.update(
            reader=self.reader,
            standing_label=Standing(state).label,
            records=self.reader.sanctions.all(),
            form=kwargs.get("form") or SanctionForm(kinds=self.kinds()),
        )
        return context

    def post(self, request, pk):
        form = SanctionForm(request.POST, kinds=self.kinds())
        if not form.is_valid():
            messages.error(request, _("Please correct the form."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            standing.apply(
                self.reader,
                data["kind"],
                user=request.user,
                reason=data["reason"],
                days=data["days"],
                ip=client_ip(request),
            )
        except standing.NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Saved and shown to the commenter."))
        return redirect(request.path)


class CreditIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Commenters whose credit state is not the default: trusted,
    restricted, muted, banned."""

    template_name = "readers/admin/credit_index.html"
    page_title = _("Commenters' credit")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_credit(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["readers"] = Reader.objects.exclude(standing=Standing.NEW).order_by(
            "standing", "-pk"
        )[:500]
        return context
