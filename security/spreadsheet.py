"""Spreadsheet exports that cannot run as formulas: the one place that says
how a cell is written, for every CSV or XLSX export (the feedback queue's,
and any later one).

Excel, WPS and LibreOffice treat a cell starting with = + - @ as a formula:
`=HYPERLINK(...)` typed into a reader's message could leak data when staff
open the export. The same goes for

- the look-alikes Chinese input methods and copied text produce: any
  character whose NFKC form is one of them (＝ ﹦ ＋ ﹢ － ﹣ ＠ ﹫ ⁼ ₊ …);
- a cell starting with a tab or carriage return, or with spaces before the
  formula character (some imports trim them);
- in CSV, a formula character after a separator inside a cell: a
  semicolon-locale spreadsheet splits `总结;=1+1` at the semicolon, a
  tab-separated import at the tab, a careless one at a line break.

`safe_cell` gives such a cell a leading apostrophe, shown as plain text (and
in CSV also puts one before every formula character that follows a comma,
semicolon, tab or line break inside the cell); `csv_line` then quotes every
cell holding a separator, tab, line break or quote, doubling the quotes.
CSV starts with a UTF-8 byte-order mark, without which Excel on Chinese
Windows reads UTF-8 as GBK.

Phone numbers such as "+86 138 0013 8000" start with "+" too, but must stay
readable for the staff who call back:
- XLSX cells are typed; every string is written as a text cell, which is
  never evaluated, so a phone number (only +, digits, spaces, hyphens:
  nothing that could call a function) is written exactly as typed;
- CSV has no types, and Excel would turn "+8613800138000" into 8.6E+12 or
  "+86 138 0013 8000" into #NAME?, so there the phone number gets the
  apostrophe like any other cell: every digit stays as typed.

`SafeSpreadsheetExportMixin` applies all of this to a Wagtail listing view
with spreadsheet export (an IndexView with `list_export`)."""

import re
import unicodedata
from functools import lru_cache

FORMULA_CHARACTERS = "=+-@"
CONTROL_STARTS = ("\t", "\r")
CSV_SEPARATORS = ",;\t\r\n"
CSV_QUOTED = CSV_SEPARATORS + '"'
CSV_BOM = "\ufeff"
PHONE = re.compile(r"^\+[0-9][0-9 \-]{5,24}$")
XLSX, CSV = "xlsx", "csv"
# A separator inside a cell and any spaces after it; the lookahead takes the
# character that follows without using it up (";;=" has two separators).
_AFTER_SEPARATOR = re.compile(r"[,;\t\r\n]\s*(?=(\S))")
# Characters an XLSX file cannot hold (openpyxl refuses them): C0 controls
# other than tab, line feed and carriage return.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@lru_cache(maxsize=1024)
def is_formula_character(character: str) -> bool:
    """= + - @, or a character whose NFKC form starts with one (＝ ﹦ ⁺ ＠ …)."""
    return bool(character) and (
        unicodedata.normalize("NFKC", character)[:1] in FORMULA_CHARACTERS
    )


def starts_like_formula(value: str) -> bool:
    return value.startswith(CONTROL_STARTS) or is_formula_character(value.lstrip()[:1])


def is_phone_number(value: str) -> bool:
    return bool(PHONE.match(value))


def _escape_after_separators(value: str) -> str:
    return _AFTER_SEPARATOR.sub(
        lambda match: (
            match.group() + "'"
            if is_formula_character(match.group(1))
            else match.group()
        ),
        value,
    )


def safe_cell(value, spreadsheet_format: str):
    """The value as a cell of a CSV or XLSX export that no spreadsheet runs
    as a formula; anything but a string is returned unchanged. Applying it
    twice changes nothing more."""
    if not isinstance(value, str):
        return value
    if spreadsheet_format == XLSX:
        value = _XLSX_ILLEGAL.sub("\ufffd", value)
        if is_phone_number(value):
            return value
    else:
        value = _escape_after_separators(value)
    if starts_like_formula(value):
        return f"'{value}"
    return value


def csv_cell(value) -> str:
    """One cell of a CSV line: made safe, and quoted (quotes doubled) when it
    holds a comma, semicolon, tab, line break or quote."""
    if value is None:
        return ""
    text = safe_cell(value if isinstance(value, str) else str(value), CSV)
    if any(character in text for character in CSV_QUOTED):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells) -> str:
    return ",".join(csv_cell(cell) for cell in cells) + "\r\n"


def csv_lines(headings, rows):
    """A whole CSV file, line by line (for a StreamingHttpResponse): the
    byte-order mark, the headings, then one line per row."""
    yield CSV_BOM + csv_line(headings)
    for row in rows:
        yield csv_line(row)


class SafeSpreadsheetExportMixin:
    """For a Wagtail view using SpreadsheetExportMixin: every cell through
    `safe_cell`, CSV written by `csv_lines`, strings in XLSX as text cells."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value, export_format)

    def stream_csv(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_lines(headings, rows)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            yield cell
