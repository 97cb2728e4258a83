from django import forms


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
