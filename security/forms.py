import hashlib
import logging

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm

from security import ratelimit
from security.client_ip import client_ip

logger = logging.getLogger(__name__)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        min_length=6,
        max_length=6,
        help_text=_("The 6 digits your authenticator app shows"),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code is digits only"))
        if self.device is None:
            raise forms.ValidationError(_("No authenticator is set up yet"))
        # verify_token refuses a used code and, after failures, waits
        # (django-otp's throttling doubles the pause with each one).
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _(
                    "The code is wrong or has expired; after several wrong codes, "
                    "wait a moment before trying again"
                )
            )
        return token


class ThrottledPasswordResetForm(PasswordResetForm):
    """The admin's password reset (WAGTAILADMIN_USER_PASSWORD_RESET_FORM):
    past PASSWORD_RESET_RATE_LIMIT_PER_IP requests from one address (IPv6
    by /64) or PASSWORD_RESET_RATE_LIMIT_PER_EMAIL for one e-mail address,
    no e-mail is sent and the refusal is logged. The page answers exactly
    as it does for any address, so it tells nobody whether the address has
    an account or was throttled."""

    def save(self, *args, request=None, **kwargs):
        if request is not None and not reset_allowed(
            request, self.cleaned_data["email"]
        ):
            return
        super().save(*args, request=request, **kwargs)


def reset_allowed(request, email: str) -> bool:
    """Count one well-formed reset request per address, then, if that was
    allowed, per e-mail address (kept in the cache only as a hash)."""
    key = ratelimit.client_key(request)
    limit, window = settings.PASSWORD_RESET_RATE_LIMIT_PER_IP
    if not ratelimit.allow("password-reset-ip", key, limit, window):
        logger.warning(
            "Password reset e-mail not sent: too many requests from %s (key %s)",
            client_ip(request),
            key,
        )
        return False
    digest = hashlib.sha256(email.strip().casefold().encode()).hexdigest()
    limit, window = settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL
    if not ratelimit.allow("password-reset-email", digest, limit, window):
        logger.warning(
            "Password reset e-mail not sent: too many requests for one e-mail "
            "address (this one from %s)",
            client_ip(request),
        )
        return False
    return True
