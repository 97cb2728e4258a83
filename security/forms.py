import hashlib
import logging

from django import forms
from django.conf import settings
from wagtail.admin.forms.auth import PasswordResetForm

from security import ratelimit
from security.client_ip import client_ip

logger = logging.getLogger(__name__)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="验证码",
        min_length=6,
        max_length=6,
        help_text="身份验证器 App 中显示的 6 位数字",
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
            raise forms.ValidationError("验证码只包含数字")
        if self.device is None:
            raise forms.ValidationError("尚未绑定身份验证器")
        # verify_token refuses a used code and, after failures, waits
        # (django-otp's throttling doubles the pause with each one).
        if not self.device.verify_token(token):
            raise forms.ValidationError("验证码不正确或已过期;多次错误后需等待片刻再试")
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
