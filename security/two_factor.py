"""Two-factor sign-in for the Wagtail admin, on django-otp's TOTP devices.

Wagtail's own login view checks the password; this middleware then keeps a
user who has an authenticator enrolled (or everyone, with
TWO_FACTOR_REQUIRED) out of the admin until a code from it is entered."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.middleware import is_admin_path

OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "security_two_factor_verify",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
ENROLMENT_URL_NAMES = {"security_two_factor_setup"}


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.redirect_for(request)
        if redirect_to:
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(redirect_to)}?{query}")
        return self.get_response(request)

    def redirect_for(self, request) -> str | None:
        user = request.user
        if not user.is_authenticated or not is_admin_path(request):
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_URL_NAMES:
            return None
        if user_has_device(user, confirmed=True):
            return None if user.is_verified() else "security_two_factor_verify"
        if settings.TWO_FACTOR_REQUIRED and url_name not in ENROLMENT_URL_NAMES:
            return "security_two_factor_setup"
        return None
