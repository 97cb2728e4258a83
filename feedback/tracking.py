"""Tracking codes (查询码) and the secret of the private tracking link.

A code is read out on the phone or copied from a screenshot: ten characters
from an alphabet without 0/O, 1/I/L, so 31**10 (about 8 * 10**14) codes. The
private link adds a separate 256-bit token: knowing a code alone shows only
an item's status, never its text, reply or rating form."""

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def normalise_code(text: str) -> str:
    """What a reader typed (full-width, spaces, dashes, lower case) as a code."""
    text = unicodedata.normalize("NFKC", text or "").upper()
    return "".join(char for char in text if char in ALPHABET)


def format_code(code: str) -> str:
    """ABCDE-FGHJK: two groups of five are easier to read out."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code
