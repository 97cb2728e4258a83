"""A verified reader appeals (申诉) against a sanction (feedback/appeals.py)."""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from feedback.appeals import file_appeal, open_appeal
from readers.models import Sanction
from readers.session import current_reader
from security.client_ip import client_ip

from .responses import private_page


class AppealForm(forms.Form):
    message = forms.CharField(
        label=_("Why the decision should be reconsidered"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2000,
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) > settings.FEEDBACK_MESSAGE_MAX_LENGTH:
            raise forms.ValidationError(_("The message is too long."))
        return message


def _tracking(item):
    return reverse("feedback:track", args=[item.tracking_code, item.tracking_token])


@require_http_methods(["GET", "POST"])
def appeal(request, sanction_id: int):
    reader = current_reader(request)
    if reader is None:
        return redirect(f"{reverse('readers:verify')}?next={request.path}")
    sanction = Sanction.objects.filter(pk=sanction_id, reader=reader).first()
    if sanction is None or not sanction.may_be_appealed:
        raise Http404
    if (existing := open_appeal(sanction)) is not None:
        return redirect(_tracking(existing))
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = file_appeal(
            sanction, form.cleaned_data["message"], ip=client_ip(request)
        )
        return redirect(f"{_tracking(item)}?sent=1")
    status = 400 if request.method == "POST" else 200
    context = {"sanction": sanction, "form": form}
    return private_page(request, "feedback/appeal_page.html", context, status=status)
