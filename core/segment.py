"""Chinese text cut into what the database search backends can match.

SQLite FTS5 and PostgreSQL both read an unspaced Chinese clause as one word.
Indexed text is rewritten as overlapping character bigrams (吐槽窗口 → 吐槽 槽窗
窗口) followed by the single characters, so a phrase query of bigrams finds any
run of two or more characters and a single-character query still matches.
docs/search.md gives the measurements behind this."""

import re
from functools import lru_cache

from core.text import normalise

HAN = (
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # Unified Ideographs
    "\uf900-\ufaff"  # Compatibility Ideographs
    "\U00020000-\U0003134f"  # Extensions B–H
)
HAN_RE = re.compile(f"[{HAN}]")
# A run of Han characters, or a run of other letters and digits.
TOKEN_RE = re.compile(f"(?P<han>[{HAN}]+)|(?P<word>[^\\W{HAN}_]+)")


def has_han(text: str) -> bool:
    return bool(HAN_RE.search(text))


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def sequence(text: str) -> list[str]:
    """The tokens of already normalised text in reading order: each Han run
    as its bigrams, every other word as it is. A phrase query is such a list."""
    tokens: list[str] = []
    for match in TOKEN_RE.finditer(text):
        tokens.extend(bigrams(match["han"]) if match["han"] else [match["word"]])
    return tokens


@lru_cache(maxsize=512)
def segment(text: str) -> str:
    """Index form of text: normalised (NFKC, Traditional folded to
    Simplified, case folded), bigram sequence, then the single characters.

    Cached: Wagtail asks for each field's value several times per save
    (title, body and autocomplete columns are built separately)."""
    text = normalise(text)
    singles = [
        char
        for match in TOKEN_RE.finditer(text)
        if match["han"] and len(match["han"]) > 1
        for char in match["han"]
    ]
    return " ".join(sequence(text) + singles)


def query_terms(query_string: str, max_terms: int = 10) -> list[str]:
    """A reader's query as normalised terms, one per whitespace-separated
    word, with punctuation and query syntax dropped. A mixed term keeps its
    parts apart (12345热线 → "12345 热线") the way indexed text does."""
    terms = []
    for raw in normalise(query_string).split():
        tokens = [match.group() for match in TOKEN_RE.finditer(raw)]
        if tokens:
            terms.append(" ".join(tokens))
    return terms[:max_terms]
