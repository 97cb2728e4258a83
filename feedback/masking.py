"""Personal data typed into public text is masked before it is shown:
mobile and landline numbers, resident ID numbers, e-mail addresses."""

import re

# Digits may be full-width or split by spaces and dashes: 138 0013 8000.
_SEP = r"[\s\-‐－]?"
_ID_NUMBER = re.compile(
    r"(?<![0-9０-９])([1-9１-９](?:"
    + _SEP
    + r"[0-9０-９]){16}"
    + _SEP
    + r"[0-9０-９Xx])(?![0-9０-９])"
)
_MOBILE = re.compile(
    r"(?<![0-9０-９])((?:(?:\+|＋)?(?:86|８６)"
    + _SEP
    + r")?[1１](?:"
    + _SEP
    + r"[0-9０-９]){10})(?![0-9０-９])"
)
_LANDLINE = re.compile(
    r"(?<![0-9０-９])([0０][1-9１-９][0-9０-９]{1,2}[\s\-‐－]?[0-9０-９]{7,8})"
    r"(?![0-9０-９])"
)
_EMAIL = re.compile(r"([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def _keep_ends(match: re.Match, head: int, tail: int) -> str:
    text = match.group(1)
    digits = [index for index, char in enumerate(text) if char.isalnum()]
    hidden = set(digits[head : len(digits) - tail])
    return "".join("*" if index in hidden else char for index, char in enumerate(text))


def _mask_email(match: re.Match) -> str:
    local = match.group(1)
    return f"{local[:1]}***@{match.group(2)}"


def mask_personal_data(text: str) -> str:
    """138****8000, 1101**********1234, z***@example.com."""
    if not text:
        return ""
    text = _EMAIL.sub(_mask_email, text)
    text = _ID_NUMBER.sub(lambda match: _keep_ends(match, 4, 4), text)
    text = _MOBILE.sub(lambda match: _mask_mobile(match), text)
    text = _LANDLINE.sub(lambda match: _keep_ends(match, 4, 2), text)
    return text


def _mask_mobile(match: re.Match) -> str:
    # Keep the country code, the first three and the last four digits.
    text = match.group(1)
    digits = [index for index, char in enumerate(text) if char.isdigit()]
    national = digits[-11:]
    hidden = set(national[3:7])
    return "".join("*" if index in hidden else char for index, char in enumerate(text))
