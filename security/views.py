"""Two-factor sign-in views, registered under the admin (wagtail_hooks.py)."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.forms import TokenForm
from security.two_factor import confirmed_device

DEVICE_NAME = "身份验证器"  # data: the device's stored name


def safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("token")
def verify(request):
    """After the password: the code from the user's authenticator."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect(safe_next(request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request))
    return TemplateResponse(
        request,
        "security/two_factor_verify.html",
        {"form": form, "next": safe_next(request)},
    )


@never_cache
@sensitive_post_parameters("token")
def setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with a code."""
    if confirmed_device(request.user):
        return TemplateResponse(
            request, "security/two_factor_setup.html", {"enrolled": True}
        )
    # Not get_or_create: two tabs (or a double click) can leave two
    # unconfirmed devices, and get_or_create would then raise.
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(
        user=request.user, confirmed=False, name=DEVICE_NAME
    )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(
            request,
            _("Two-step verification is on: signing in will now ask for a code."),
        )
        return redirect(safe_next(request))
    return TemplateResponse(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr_code": qr_data_uri(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode(),
            "required": settings.TWO_FACTOR_REQUIRED,
            "next": safe_next(request),
        },
    )


@require_POST
@sensitive_post_parameters("token")
def disable(request):
    """Turning it off needs a current code, not just an open session."""
    device = confirmed_device(request.user)
    form = TokenForm(request.POST, device=device)
    if settings.TWO_FACTOR_REQUIRED:
        messages.error(
            request,
            _(
                "This site requires two-step verification of all staff: "
                "it cannot be turned off."
            ),
        )
    elif form.is_valid():
        TOTPDevice.objects.devices_for_user(request.user, confirmed=None).delete()
        messages.success(request, _("Two-step verification is off."))
    else:
        messages.error(request, _("The code is wrong: two-step verification stays on."))
    return redirect("security_two_factor_setup")


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
