"""Spreadsheet cells that cannot run as formulas.

Excel, WPS and LibreOffice treat a cell starting with = + - @ (or their
full-width forms, which Chinese input methods produce), or with a tab or
carriage return, as a formula: `=HYPERLINK(...)` typed into a reader's message
could leak data when staff open the export. Such cells get a leading
apostrophe, shown as plain text.

Phone numbers such as "+86 138 0013 8000" start with "+" too, but must stay
readable for the staff who call back:
- XLSX cells are typed; we write every string as a text cell, which is never
  evaluated, so a phone number (only +, digits, spaces, hyphens: nothing that
  could call a function) is written exactly as the reader typed it;
- CSV has no types, and Excel would turn "+8613800138000" into 8.6E+12 or
  "+86 138 0013 8000" into #NAME?, so there the phone number gets the
  apostrophe like any other cell: every digit stays as typed."""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
PHONE = re.compile(r"^\+[0-9][0-9 \-]{5,24}$")
XLSX, CSV = "xlsx", "csv"


def is_phone_number(value: str) -> bool:
    return bool(PHONE.match(value))


def safe_cell(value, spreadsheet_format: str):
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if spreadsheet_format == XLSX and is_phone_number(value):
        return value
    return f"'{value}"
