from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from security import views
from security.two_factor import confirmed_device


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.setup, name="security_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="security_two_factor_verify"),
        path("two-factor/disable/", views.disable, name="security_two_factor_disable"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    enrolled = confirmed_device(request.user) is not None
    return {
        "url": reverse("security_two_factor_setup"),
        "label": _("Two-step verification"),
        "help_text": _("On: signing in asks for a code")
        if enrolled
        else _("Protect your account with an authenticator app (optional)"),
    }
