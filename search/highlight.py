"""Marking a reader's query terms in result titles and excerpts."""

import re
from functools import lru_cache

from django.utils.html import escape, format_html, format_html_join
from django.utils.text import Truncator

from core.segment import query_terms
from core.text import to_simplified, to_traditional

EXCERPT_LENGTH = 120
EXCERPT_LEAD = 30


@lru_cache(maxsize=128)
def terms_pattern(query: str) -> re.Pattern | None:
    """One regex for every term of the query, in Simplified and Traditional
    form, longest first; pieces of a mixed term (12345热线) count apart."""
    pieces = set()
    for term in query_terms(query):
        for token in [term, *term.split()]:
            if token:
                pieces.update({token, to_simplified(token), to_traditional(token)})
    if not pieces:
        return None
    alternatives = sorted(pieces, key=len, reverse=True)
    return re.compile("|".join(re.escape(piece) for piece in alternatives), re.I)


def highlight(text: str, query: str) -> str:
    """text, HTML-escaped, with each query term wrapped in <mark>."""
    text = text or ""
    pattern = terms_pattern(query)
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append((text[position : match.start()], match.group()))
        position = match.end()
    return format_html(
        "{}{}",
        format_html_join("", "{}<mark>{}</mark>", pieces),
        text[position:],
    )


def excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> str:
    """About `length` characters of text around the first query term."""
    text = " ".join((text or "").split())
    pattern = terms_pattern(query)
    match = pattern.search(text) if pattern else None
    if match is None:
        return Truncator(text).chars(length)
    start = max(0, match.start() - EXCERPT_LEAD)
    snippet = text[start : start + length]
    prefix = "…" if start else ""
    suffix = "…" if start + length < len(text) else ""
    return f"{prefix}{snippet}{suffix}"
