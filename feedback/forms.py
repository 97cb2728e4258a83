"""The reader's forms: leave feedback, rate a reply, look up a tracking code.

Every message is in Chinese, and a form that comes back with errors keeps
every field as the reader typed it."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import validate_email

from feedback.models import Kind, Rating
from feedback.tracking import CODE_LENGTH, normalise_code

TIMESTAMP_SALT = "feedback.form-issued"
# Bidirectional overrides and isolates can make a name or message display in
# a misleading order (U+202E turns "gpj.exe" around); they are never needed.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]{5,24}$")


def strip_bidi_controls(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text or "")


def issue_timestamp(article_id: int) -> str:
    """A signed token with the article and the time the form was shown."""
    return signing.dumps({"a": article_id, "t": time.time()}, salt=TIMESTAMP_SALT)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label="类型",
        # Appeals are sent from the reader's page, against a sanction.
        choices=[(k, label) for k, label in Kind.choices if k != Kind.APPEAL],
        initial=Kind.COMMENT,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择反馈类型。",
            "invalid_choice": "请选择评论、投诉、建议或纠错。",
        },
    )
    message = forms.CharField(
        label="内容",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写反馈内容。"},
    )
    display_name = forms.CharField(
        label="署名",
        required=False,
        max_length=20,
        help_text="可不填，公开时显示为“网友”",
        error_messages={
            "max_length": "署名最多 %(limit_value)d 个字(现在 %(show_value)d 个)。"
        },
    )
    contact = forms.CharField(
        label="联系方式",
        required=False,
        max_length=100,
        help_text="邮箱或电话，可不填；仅工作人员可见，办结后定期删除",
        error_messages={"max_length": "联系方式最多 %(limit_value)d 个字符。"},
    )
    consent_public = forms.BooleanField(
        label="同意在文章下公开我的留言（不会公开联系方式）", required=False
    )
    # Hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(label="网址（请勿填写）", required=False)
    issued = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        self.bot_reasons: list[str] = []
        limit = settings.FEEDBACK_MESSAGE_MAX_LENGTH
        message = self.fields["message"]
        # No maxlength attribute: browsers cut pasted text off silently.
        message.validators.append(_MaxLength(limit))
        message.help_text = f"最多 {limit} 字"
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self.auto_id % name}_help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = (
                    f"{attrs.get('aria-describedby', '')} {self.auto_id % name}_error"
                )
                attrs["aria-describedby"] = described.strip()

    @property
    def fresh_timestamp(self) -> str:
        """A new token for every rendering: a form that comes back with errors
        may be sent again without the reader reloading the page."""
        return issue_timestamp(self.article_id)

    def clean_message(self):
        message = strip_bidi_controls(self.cleaned_data["message"]).strip()
        if not message:
            raise forms.ValidationError("请填写反馈内容。")
        return message

    def clean_display_name(self):
        return strip_bidi_controls(self.cleaned_data["display_name"]).strip()

    def clean_contact(self):
        contact = strip_bidi_controls(self.cleaned_data["contact"]).strip()
        if not contact:
            return ""
        if "@" in contact:
            try:
                validate_email(contact)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    "邮箱格式不正确，例如 name@example.com。"
                ) from error
            return contact
        if not _PHONE.match(contact) or sum(c.isdigit() for c in contact) < 7:
            raise forms.ValidationError("请填写有效的邮箱或电话号码。")
        return contact

    def clean_issued(self):
        try:
            data = signing.loads(self.cleaned_data["issued"], salt=TIMESTAMP_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                "表单校验失败。您填写的内容都还在，请再点一次“提交”。"
            ) from error
        if data.get("a") != self.article_id:
            raise forms.ValidationError("表单与文章不符，请在文章页面重新提交。")
        elapsed = time.time() - float(data.get("t", 0))
        if elapsed > settings.FEEDBACK_FORM_MAX_AGE:
            raise forms.ValidationError(
                "页面打开太久，表单已过期。您填写的内容都还在，请再点一次“提交”。"
            )
        if elapsed < settings.FEEDBACK_MIN_FILL_SECONDS:
            self.bot_reasons.append(f"填写过快（{elapsed:.1f} 秒）")
        return data

    def clean_website(self):
        if self.cleaned_data["website"]:
            self.bot_reasons.append("填写了隐藏的网址栏")
        return ""

    def add_error(self, field, error):
        # The hidden timestamp has no visible field: show its error on top.
        super().add_error(None if field == "issued" else field, error)

    def texts(self) -> list[str]:
        data = self.cleaned_data
        return [data["message"], data["display_name"], data["contact"]]


class _MaxLength:
    """Counts characters as a reader does, with a message in Chinese."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value):
        if len(value) > self.limit:
            raise forms.ValidationError(
                f"内容最多 {self.limit} 字，现在是 {len(value)} 字，请删减后再提交。"
            )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label="您对答复是否满意",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择满意、基本满意或不满意。",
            "invalid_choice": "请选择满意、基本满意或不满意。",
        },
    )
    reason = forms.CharField(
        label="理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="选择“不满意”时必填，我们会重新办理",
        error_messages={"max_length": "理由最多 %(limit_value)d 字。"},
    )

    def clean_reason(self):
        return strip_bidi_controls(self.cleaned_data["reason"]).strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rating") == Rating.UNSATISFIED and not cleaned.get("reason"):
            self.add_error("reason", "选择“不满意”时请写明理由，我们会据此重新办理。")
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=40,
        error_messages={"required": "请输入查询码。"},
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                f"查询码是 {CODE_LENGTH} 位字母和数字，请核对后再查。"
            )
        return code
