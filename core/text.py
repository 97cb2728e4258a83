"""Text normalisation shared by screening, search and the pre-publication check.

Readers type the same words in many shapes: full-width letters, Traditional
characters, zero-width characters slipped between letters. Everything that
compares words folds them to one shape first."""

import re
import unicodedata
from functools import lru_cache

import opencc

_SEPARATORS_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def to_reading_traditional(text: str) -> str:
    """Traditional characters as readers in Taiwan, Hong Kong and Macau
    write them (群眾, not OpenCC's reference form 羣衆), for the 繁 pages."""
    return _converter("s2tw").convert(text)


@lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern:
    """Zero-width, bidi-control and other format characters (category Cf),
    and control characters (Cc) other than ordinary whitespace."""
    invisible = "".join(
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cf", "Cc"} and chr(code) not in "\t\n\r"
    )
    return re.compile(f"[{re.escape(invisible)}]")


def strip_invisible(text: str) -> str:
    return _invisible_re().sub("", text)


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), invisible characters removed,
    Traditional folded to Simplified, case folded."""
    text = unicodedata.normalize("NFKC", text or "")
    text = strip_invisible(text)
    return to_simplified(text).casefold()


def compact(text: str) -> str:
    """normalise() without spaces or punctuation, so 无 码、专.区 reads 无码专区."""
    return _SEPARATORS_RE.sub("", normalise(text))


def find_terms(text: str, terms) -> list[str]:
    """The terms (as given) that occur in text, compared in compact form."""
    haystack = compact(text)
    return [term for term in terms if (needle := compact(term)) and needle in haystack]
