"""The reader's forms: leave feedback, rate a reply, look up a tracking code.

Every message is in the readers' language, and a form that comes back with errors keeps
every field as the reader typed it."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import validate_email
from django.utils.translation import gettext, gettext_lazy

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
        label=gettext_lazy("Kind"),
        # Appeals are sent from the reader's page, against a sanction.
        choices=[(k, label) for k, label in Kind.choices if k != Kind.APPEAL],
        initial=Kind.COMMENT,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose a kind of feedback."),
            "invalid_choice": gettext_lazy(
                "Choose comment, complaint, suggestion or correction."
            ),
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Write your feedback.")},
    )
    display_name = forms.CharField(
        label=gettext_lazy("Signature"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("Optional; shown as “Anonymous” when public"),
        error_messages={
            "max_length": gettext_lazy(
                "A signature has %(limit_value)d characters at most "
                "(it has %(show_value)d)."
            )
        },
    )
    contact = forms.CharField(
        label=gettext_lazy("Contact details"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "E-mail or phone, optional; only staff see it, and it is erased "
            "some time after the feedback is finished"
        ),
        error_messages={
            "max_length": gettext_lazy(
                "Contact details have %(limit_value)d characters at most."
            )
        },
    )
    consent_public = forms.BooleanField(
        label=gettext_lazy(
            "Show my message under the article (my contact details stay private)"
        ),
        required=False,
    )
    # Hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(
        label=gettext_lazy("Website (leave empty)"), required=False
    )
    issued = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, article_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        self.bot_reasons: list[str] = []
        limit = settings.FEEDBACK_MESSAGE_MAX_LENGTH
        message = self.fields["message"]
        # No maxlength attribute: browsers cut pasted text off silently.
        message.validators.append(_MaxLength(limit))
        message.help_text = gettext("%(limit)d characters at most") % {"limit": limit}
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
            raise forms.ValidationError(gettext("Write your feedback."))
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
                    gettext("This is not an e-mail address such as name@example.com.")
                ) from error
            return contact
        if not _PHONE.match(contact) or sum(c.isdigit() for c in contact) < 7:
            raise forms.ValidationError(
                gettext("Enter a valid e-mail address or phone number.")
            )
        return contact

    def clean_issued(self):
        try:
            data = signing.loads(self.cleaned_data["issued"], salt=TIMESTAMP_SALT)
        except signing.BadSignature as error:
            raise forms.ValidationError(
                gettext(
                    "The form could not be checked. Everything you typed is still "
                    "here: press “Submit” again."
                )
            ) from error
        if data.get("a") != self.article_id:
            raise forms.ValidationError(
                gettext(
                    "The form does not match the article: submit it again from the "
                    "article's page."
                )
            )
        elapsed = time.time() - float(data.get("t", 0))
        if elapsed > settings.FEEDBACK_FORM_MAX_AGE:
            raise forms.ValidationError(
                gettext(
                    "The page was open too long and the form expired. Everything "
                    "you typed is still here: press “Submit” again."
                )
            )
        if elapsed < settings.FEEDBACK_MIN_FILL_SECONDS:
            self.bot_reasons.append(
                gettext("Filled in too fast (%(seconds).1f seconds)")
                % {"seconds": elapsed}
            )
        return data

    def clean_website(self):
        if self.cleaned_data["website"]:
            self.bot_reasons.append(gettext("Filled in the hidden website field"))
        return ""

    def add_error(self, field, error):
        # The hidden timestamp has no visible field: show its error on top.
        super().add_error(None if field == "issued" else field, error)

    def texts(self) -> list[str]:
        data = self.cleaned_data
        return [data["message"], data["display_name"], data["contact"]]


class _MaxLength:
    """Counts characters as a reader does, with a message in the readers'
    language."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value):
        if len(value) > self.limit:
            raise forms.ValidationError(
                gettext(
                    "A message has %(limit)d characters at most; this one has "
                    "%(length)d. Shorten it and submit again."
                )
                % {"limit": self.limit, "length": len(value)}
            )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label=gettext_lazy("Are you satisfied with the reply?"),
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy(
                "Choose satisfied, mostly satisfied or not satisfied."
            ),
            "invalid_choice": gettext_lazy(
                "Choose satisfied, mostly satisfied or not satisfied."
            ),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required with “Not satisfied”: we will handle the feedback again"
        ),
        error_messages={
            "max_length": gettext_lazy(
                "A reason has %(limit_value)d characters at most."
            )
        },
    )

    def clean_reason(self):
        return strip_bidi_controls(self.cleaned_data["reason"]).strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rating") == Rating.UNSATISFIED and not cleaned.get("reason"):
            self.add_error(
                "reason",
                gettext(
                    "With “Not satisfied”, please give a reason: we will handle "
                    "the feedback again with it."
                ),
            )
        return cleaned


class LookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=40,
        error_messages={"required": gettext_lazy("Enter a tracking code.")},
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                gettext(
                    "A tracking code has %(length)d letters and digits: check it "
                    "and try again."
                )
                % {"length": CODE_LENGTH}
            )
        return code
