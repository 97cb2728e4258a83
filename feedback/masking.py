"""Personal data typed into public text is masked before it is shown:
mobile and landline numbers, resident ID numbers, e-mail addresses.

Found after the shared normalisation (core.text.fold_addresses: full width,
look-alike letters, invisible and filler characters, Chinese numerals,
(at)/艾特/(dot)/[.]/。 spelled for @ and .), masked in the reader's own
text: every character of the normalised text knows the character of the
original it came from, so the page shows what the reader typed, with the
digits (or the e-mail name) replaced by *. Nothing is re-typed in the
normalised shape: ｎａｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ shows as
ｎ***＠ｅｘａｍｐｌｅ．ｃｏｍ, 一三八零零一三八零零零 as 一三八****八零零零."""

import re

from core.text import EMAIL, Folded, fold_addresses

# Between two digits of one number: up to three spaces (not line breaks),
# dashes, dots, slashes, underscores, middle dots or brackets, mixed:
# 138 0013 8000, 138-0013-8000, 138.0013.8000, 138/0013/8000, 138  0013  8000,
# (010)12345678. Not commas: 13,800,138,000 is an amount.
_SEP = r"(?:[^\S\r\n]|[-‐‑‒–—―_./／·・|~()])"
_GAP = rf"{_SEP}{{0,3}}"
_ID_NUMBER = re.compile(rf"(?<!\d)([1-9](?:{_GAP}\d){{16}}{_GAP}[\dx])(?![\dx])")
_MOBILE = re.compile(rf"(?<!\d)((?:\+?86{_GAP})?1(?:{_GAP}\d){{10}})(?!\d)")
_LANDLINE = re.compile(rf"(?<!\d)(0[1-9]\d{{1,2}}{_GAP}\d(?:{_GAP}\d){{6,7}})(?!\d)")


def _digits(folded: Folded, match: re.Match) -> list[int]:
    """Indexes (in folded text) of the match's digits and letters."""
    start, end = match.span(1)
    return [index for index in range(start, end) if folded.text[index].isalnum()]


def _keep_ends(head: int, tail: int):
    def hide(folded: Folded, match: re.Match) -> list[int]:
        digits = _digits(folded, match)
        return digits[head : len(digits) - tail]

    return hide


def _hide_mobile(folded: Folded, match: re.Match) -> list[int]:
    # Keep the country code, the first three and the last four digits.
    national = _digits(folded, match)[-11:]
    return national[3:7]


_NUMBERS = [
    (_ID_NUMBER, _keep_ends(4, 4)),
    (_MOBILE, _hide_mobile),
    (_LANDLINE, _keep_ends(4, 2)),
]


def mask_personal_data(text: str) -> str:
    """138****8000, 1101**********1234, z***@example.com, whatever shape
    they were typed in, in the shape they were typed in."""
    if not text:
        return ""
    folded = fold_addresses(text)
    taken: list[tuple[int, int]] = []  # folded spans already masked
    edits: dict[int, tuple[int, str]] = {}  # source start -> (source end, text)

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in EMAIL.finditer(folded.text):
        if not free(*match.span()):
            continue
        taken.append(match.span())
        start, end = folded.source_span(*match.span(1))
        edits[start] = (end, text[start] + "***")
    for pattern, hide in _NUMBERS:
        for match in pattern.finditer(folded.text):
            if not free(*match.span(1)):
                continue
            taken.append(match.span(1))
            for index in hide(folded, match):
                start, end = folded.spans[index]
                edits[start] = (end, "*")

    masked, position = [], 0
    for start in sorted(edits):
        end, replacement = edits[start]
        if start < position:
            continue  # one source character behind two masked ones (⑴)
        masked.append(text[position:start])
        masked.append(replacement)
        position = end
    masked.append(text[position:])
    return "".join(masked)
