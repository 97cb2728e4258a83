"""Text normalisation shared by screening, search and the pre-publication check.

Readers type the same words in many shapes: full-width letters, Traditional,
variant and Japanese forms of a character, Cyrillic or Greek letters that
look like Latin ones, zero-width or blank-looking filler characters slipped
between letters. Everything that compares words folds them to one shape
first, with one function: normalise(). See docs/screening.md.

    normalise()          one shape for every character (search uses it too)
    compact()            normalise(), contact-channel spellings folded, no
                         spaces or punctuation, Chinese numeral runs as
                         digits: the form terms and patterns are matched in
    find_terms()         terms in compact form, tolerating one filler
                         character repeated between the characters
    fold_with_offsets()  normalise() character by character, remembering
                         where each character came from (for masking)
    fold_addresses()     that, with spelled-out or bracketed @ and dots
                         ((at), 艾特, [.], 。, dot, 点) read as @ and ."""

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
from confusable_homoglyphs import confusables as _homoglyphs

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

_SEPARATORS_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=8)
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


# --- Characters that print as nothing -------------------------------------

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt,
# Unicode 15.1), written out: unicodedata has no property lookup, and the
# Hangul fillers in it (U+115F, U+1160, U+3164, U+FFA0) are letters (Lo) to
# unicodedata.category, not format characters, though they show as blanks.
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul choseong / jungseong fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space, (non-)joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF0, 0xFFF8),  # unassigned specials
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)
# Not default-ignorable, but drawn as a blank all the same.
FILLERS = (
    (0x2800, 0x2800),  # braille pattern blank
    (0x3164, 0x3164),
    (0xFFFC, 0xFFFC),  # object replacement character
)


@lru_cache(maxsize=1)
def _invisible_re() -> re.Pattern:
    """Default-ignorable and filler code points, every other format
    character (Cf) and control characters (Cc) but ordinary whitespace."""
    codes = {
        code
        for start, end in DEFAULT_IGNORABLE + FILLERS
        for code in range(start, end + 1)
    }
    codes.update(
        code
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in {"Cf", "Cc"} and chr(code) not in "\t\n\r"
    )
    ranges, start, previous = [], None, None
    for code in sorted(codes):
        if start is None:
            start = previous = code
        elif code == previous + 1:
            previous = code
        else:
            ranges.append((start, previous))
            start = previous = code
    ranges.append((start, previous))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return re.compile(f"[{body}]")


def strip_invisible(text: str) -> str:
    return _invisible_re().sub("", text)


def _strip_marks(text: str) -> str:
    """Accents and overlays (combining marks, Mn/Me) off their letters:
    cásino, c̶a̶s̶i̶n̶o̶ and 无̶码̶ read casino and 无码."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    stripped = "".join(
        char for char in decomposed if unicodedata.category(char) not in {"Mn", "Me"}
    )
    return unicodedata.normalize("NFC", stripped)


# --- Look-alike letters and other scripts' digits --------------------------


@lru_cache(maxsize=1)
def _confusables() -> dict[int, str]:
    """Letters and symbols of other scripts that look like a Latin letter or
    digit (Cyrillic а, Greek ο, Cherokee Ꭺ…) → that ASCII character, from
    Unicode's confusables data as shipped in the confusable-homoglyphs
    package (read from the package, no download); and every decimal digit
    of another script (Arabic-Indic ١٣٨…) → its ASCII digit."""
    table: dict[int, str] = {}
    for source, glyphs in _homoglyphs.confusables_data.items():
        char = source.strip("\u200e")
        if len(char) != 1 or char.isascii():
            continue
        if unicodedata.category(char)[0] not in "LS":
            continue  # digits keep their value; marks are stripped
        targets = [
            glyph["c"].strip("\u200e")
            for glyph in glyphs
            if len(glyph["c"].strip("\u200e")) == 1
        ]
        latin = [t for t in targets if t.isascii() and t.isalnum()]
        if latin:
            table[ord(char)] = latin[0]
    for code in range(0x80, 0x110000):
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            table[code] = str(unicodedata.decimal(char))
    return table


# --- Variant characters ----------------------------------------------------


def read_variants(path: Path | None = None) -> dict[str, str]:
    """VARIANT<TAB>STANDARD pairs of core/data/variants.txt, as written."""
    pairs = {}
    with open(path or DATA_DIR / "variants.txt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            variant, standard = line.split()
            if len(variant) != 1 or len(standard) != 1:
                raise ValueError(f"variants.txt line {number}: one character each")
            pairs[variant] = standard
    return pairs


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    """Variant and Japanese forms → the Simplified standard (塲 → 场,
    駅 → 驿), each standard side itself passed through t2s."""
    pairs = read_variants()
    return {
        ord(variant): to_simplified(pairs.get(standard, standard))
        for variant, standard in pairs.items()
    }


def normalise(text: str) -> str:
    """One shape for every character, in this order:
    look-alike letters of other scripts → Latin (саsino, cαsino → casino),
    other scripts' digits → 0-9; NFKC (full-width → half-width,
    compatibility forms, Kangxi radicals); default-ignorable, filler,
    format and control characters removed; combining marks removed; case
    folded (look-alikes again, for the lower-case forms); variant and
    Japanese forms → standard (塲 → 场, 駅 → 驿); Traditional → Simplified
    (OpenCC t2s)."""
    # Look-alikes before NFKC as well: NFKC reads Greek lunate ϲ as ς.
    text = unicodedata.normalize("NFKC", (text or "").translate(_confusables()))
    text = strip_invisible(text)
    text = _strip_marks(text)
    text = text.translate(_confusables()).casefold().translate(_confusables())
    return to_simplified(text.translate(_variants()))


# --- Compact form: what terms are matched in --------------------------------

# Chinese numerals as readers type phone and QQ numbers (一三八, 幺, 〇, 洞).
NUMERALS = {
    **dict.fromkeys("零〇○◯洞", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰两", "2"),
    **dict.fromkeys("三叁", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆", "6"),
    **dict.fromkeys("七柒拐", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖勾", "9"),
}
_NUMERAL_TABLE = str.maketrans(NUMERALS)
_DIGIT = f"[0-9{''.join(NUMERALS)}]"
# Five or more digits or numerals in a row (up to three separators between):
# a number, not a word such as 一起 or 三五成群.
NUMERAL_RUN = re.compile(f"{_DIGIT}(?:(?:[^\\S\\n\\r]|[-./]){{0,3}}{_DIGIT}){{4,}}")


def fold_numerals(text: str) -> str:
    """Runs of five or more Chinese numerals or digits as ASCII digits."""
    return NUMERAL_RUN.sub(lambda match: match.group().translate(_NUMERAL_TABLE), text)


# Contact channels spelled to dodge a term (加V信, 薇信, vx, 扣扣), one
# spelling each, on normalised text. Latin spellings only as a word of their
# own (vx, not the vx in vxlan); separators may stand inside (V 信).
CHANNEL_SPELLINGS = {
    "微信": (
        "v信",
        "威信",
        "薇信",
        "维信",
        "徽信",
        "卫信",
        "唯信",
        "危信",
        "vx",
        "wx",
        "weixin",
        "wechat",
    ),
    "qq": ("扣扣", "抠抠", "寇寇", "叩叩"),
    "qq号": ("企鹅号",),
}
_INSIDE = r"[\W_]*"


def _spelling_re(spelling: str) -> str:
    body = _INSIDE.join(re.escape(char) for char in spelling)
    head = "(?<![a-z])" if spelling[0].isascii() else ""
    tail = "(?![a-z])" if spelling[-1].isascii() else ""
    return head + body + tail


@lru_cache(maxsize=1)
def _channel_res() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every spelling, longest first, and the channel
    each named group stands for."""
    spellings = sorted(
        (
            (spelling, channel)
            for channel, spellings in CHANNEL_SPELLINGS.items()
            for spelling in spellings
        ),
        key=lambda pair: -len(pair[0]),
    )
    pattern = re.compile(
        "|".join(f"(?P<s{i}>{_spelling_re(s)})" for i, (s, _) in enumerate(spellings))
    )
    return pattern, {f"s{i}": channel for i, (_, channel) in enumerate(spellings)}


# +v, 加V, 加我v: "add me on WeChat" with the V alone.
_ADD_V = re.compile(rf"(?:[+➕]|加){_INSIDE}(我|下|一下)?{_INSIDE}v(?![a-z])")
# + before a channel: ＋微信, +qq.
_PLUS_CHANNEL = re.compile(rf"[+➕]{_INSIDE}(?=微信|qq)")


def fold_channels(text: str) -> str:
    """Contact-channel spellings in normalised text as 微信 and qq."""
    spellings, channels = _channel_res()
    text = spellings.sub(lambda match: channels[match.lastgroup], text)
    text = _ADD_V.sub(lambda match: f"加{match.group(1) or ''}微信", text)
    return _PLUS_CHANNEL.sub("加", text)


def compact(text: str) -> str:
    """The form terms are matched in: normalise(), contact-channel spellings
    as 微信 / qq, no spaces, punctuation or symbols (无 码、专.区 reads
    无码专区), runs of Chinese numerals as digits."""
    return fold_numerals(_SEPARATORS_RE.sub("", fold_channels(normalise(text))))


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")


@lru_cache(maxsize=4096)
def _filler_re(needle: str) -> re.Pattern | None:
    """The needle with one filler character between its characters, the
    same character (once to three times) in every gap: 无x码x专x区,
    无啊码啊专啊区. A two-character term has one gap only, so nothing shows
    the filler is repeated: there the filler must be a Latin letter or a
    digit between two Chinese characters (赌x博), never another Chinese
    character, which ordinary text has between any two."""
    if len(needle) < 2:
        return None
    if len(needle) == 2:
        if not all(_HAN.match(char) for char in needle):
            return None
        filler = "([a-z0-9])"
    else:
        filler = "(.)"
    first, *rest = (re.escape(char) for char in needle)
    return re.compile(first + filler + r"\1{0,2}" + r"\1{1,3}".join(rest))


def contains_term(haystack: str, needle: str) -> bool:
    """needle (compact) in haystack (compact), as it is or filler-spread."""
    if not needle:
        return False
    if needle in haystack:
        return True
    pattern = _filler_re(needle)
    return bool(pattern and pattern.search(haystack))


def find_terms(text: str, terms) -> list[str]:
    """The terms (as given) that occur in text, compared in compact form."""
    haystack = compact(text)
    return [term for term in terms if contains_term(haystack, compact(term))]


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern | None:
    """A rule's regular expression, or None if it does not compile."""
    try:
        return re.compile(pattern)
    except re.error as error:
        log.warning("Ignoring term pattern %r: %s", pattern, error)
        return None


def find_patterns(text: str, patterns) -> list[str]:
    """The patterns (regular expressions) that match text in compact form."""
    haystack = compact(text)
    return [
        pattern
        for pattern in patterns
        if (compiled := compile_pattern(pattern)) and compiled.search(haystack)
    ]


# --- Normalised text that remembers where it came from ----------------------


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return normalise(char)


@dataclass(frozen=True)
class Folded:
    """Normalised text with, for each of its characters, the slice of the
    source text it came from: matches found in `text` can be mapped back
    and the source changed there (masking shows the reader's own text)."""

    source: str
    text: str
    spans: tuple[tuple[int, int], ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source slice behind text[start:end] (end > start)."""
        return self.spans[start][0], self.spans[end - 1][1]

    def sub(self, pattern: re.Pattern, replacement: str) -> "Folded":
        """Each match replaced, the replacement standing for the whole
        source slice behind the match."""
        text, spans, last = [], [], 0
        for match in pattern.finditer(self.text):
            start, end = match.span()
            if start == end:
                continue
            text.append(self.text[last:start])
            spans.extend(self.spans[last:start])
            text.append(replacement)
            spans.extend([self.source_span(start, end)] * len(replacement))
            last = end
        text.append(self.text[last:])
        spans.extend(self.spans[last:])
        return Folded(self.source, "".join(text), tuple(spans))

    def translate_runs(self, pattern: re.Pattern, table: dict) -> "Folded":
        """Characters inside matches translated one for one (spans kept)."""
        chars = list(self.text)
        for match in pattern.finditer(self.text):
            for index in range(*match.span()):
                chars[index] = chars[index].translate(table)
        return Folded(self.source, "".join(chars), self.spans)


def fold_with_offsets(text: str) -> Folded:
    """normalise() applied character by character (so every character of
    the result has one source character), plus Chinese numeral runs as
    digits. Differs from normalise() only where a character's shape depends
    on its neighbours: combining sequences, and OpenCC's phrase tables."""
    chars, spans = [], []
    for index, char in enumerate(text or ""):
        folded = _fold_char(char)
        chars.append(folded)
        spans.extend([(index, index + 1)] * len(folded))
    folded = Folded(text or "", "".join(chars), tuple(spans))
    return folded.translate_runs(NUMERAL_RUN, _NUMERAL_TABLE)


# Spelled-out and bracketed @ and dots, read between letters and digits only
# (after normalisation: ＠ is @ and ．｡ are . and 。 already).
_OPEN, _CLOSE = r"[\(\[\{<【「『〔]", r"[\)\]\}>】」』〕]"
AT_DISGUISE = re.compile(
    rf"(?<=[a-z0-9._%+-])\s*(?:{_OPEN}\s*(?:at|@|艾特|爱特)\s*{_CLOSE}|艾特|爱特|@)\s*"
    r"(?=[a-z0-9])"
)
DOT_DISGUISE = re.compile(
    rf"(?<=[a-z0-9-])(?:\s*{_OPEN}\s*(?:\.|。|dot|点)\s*{_CLOSE}\s*"
    r"|\s+dot\s+"
    r"|\s*[.。点·・‧•∙]\s*)"
    r"(?=[a-z0-9])"
)


def fold_addresses(text: str) -> Folded:
    """fold_with_offsets() with disguised @ and dots as @ and .:
    name(at)example(dot)com, name艾特example.com, a-spam[.]com, a-spam。com,
    www dot a-spam dot com, 1点2点3点4."""
    return fold_with_offsets(text).sub(AT_DISGUISE, "@").sub(DOT_DISGUISE, ".")


# An e-mail address in fold_addresses() text.
EMAIL = re.compile(r"(?<![a-z0-9._%+-])([a-z0-9._%+-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)")


CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def join_words(parts) -> str:
    """Texts joined as running text: a space between two Latin words, none
    where either side is Chinese (or CJK punctuation), which sets no
    spaces between its words."""
    joined = ""
    for part in parts:
        part = part.strip() if part else ""
        if not part:
            continue
        if joined and not (CJK_RE.match(joined[-1]) or CJK_RE.match(part[0])):
            joined += " "
        joined += part
    return joined
