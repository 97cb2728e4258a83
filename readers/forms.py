"""The reader's forms. A form that comes back with an error keeps what was
typed (the number, the nickname); only a wrong code is cleared."""

from django import forms
from django.utils.translation import gettext_lazy as _

from readers.nicknames import MAX_LENGTH, validate_nickname
from readers.phone import parse_mainland_mobile


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=30,
        help_text=_("A mainland China mobile number; it is never shown publicly."),
        error_messages={"required": _("Please enter your mobile number.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "tel",
                "inputmode": "tel",
                "placeholder": "138 0013 8000",
            }
        ),
    )
    agree = forms.BooleanField(
        label=_(
            "I have read and agree to the comment rules, the user agreement "
            "and the personal information protection policy"
        ),
        error_messages={
            "required": _("Please read and agree to the rules before verifying.")
        },
    )

    def clean_phone(self):
        e164 = parse_mainland_mobile(self.cleaned_data["phone"])
        if e164 is None:
            raise forms.ValidationError(
                _(
                    "This is not a mainland China mobile number (11 digits, "
                    "starting with 1). Please check it."
                )
            )
        return e164


class CodeForm(PhoneForm):
    code = forms.CharField(
        label=_("Code from the text message"),
        max_length=12,
        error_messages={"required": _("Please enter the 6-digit code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"] if not ch.isspace())
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise forms.ValidationError(_("The code is 6 digits."))
        return code


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=40,
        help_text=_("Shown with your comments; %(max)d characters at most.")
        % {"max": MAX_LENGTH},
        error_messages={"required": _("Please choose a nickname.")},
    )

    def __init__(self, *args, reader=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader

    def clean_nickname(self):
        return validate_nickname(self.cleaned_data["nickname"], reader=self.reader)


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read and agree to the current versions"),
        error_messages={
            "required": _("Please agree to the current versions to comment.")
        },
    )
