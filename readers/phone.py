"""Mainland mobile numbers: read with `phonenumbers`, stored as a keyed hash."""

import hashlib
import hmac
import unicodedata

import phonenumbers
from django.conf import settings
from django.utils.crypto import salted_hmac
from phonenumbers import PhoneNumberType

MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def parse_mainland_mobile(text: str) -> str | None:
    """The number in E.164 (+8613800138000), or None if the text is not a
    valid mainland China mobile number. Full-width digits, spaces, dashes
    and a leading +86 / 0086 are accepted."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text or len(text) > 30:
        return None
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.region_code_for_number(number) != "CN":
        return None
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _key() -> bytes:
    if settings.READER_PHONE_HMAC_KEY:
        return settings.READER_PHONE_HMAC_KEY.encode()
    # Unset (a deploy check warns): a key derived from SECRET_KEY.
    return salted_hmac("readers.phone-hmac-key", "key").digest()


def phone_hash(e164: str) -> str:
    """HMAC-SHA256 of the E.164 number, hex."""
    return hmac.new(_key(), e164.encode(), hashlib.sha256).hexdigest()


def last_four(e164: str) -> str:
    return e164[-4:]
