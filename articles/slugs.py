"""Pinyin slugs: a new article's address from its title, an author's from
their name, in plain ASCII so that share links and feeds carry no
percent-encoded Chinese (/qinglan/rang-min-yi-qu-dao/ rather than
/qinglan/%E8%AE%A9…/). Slugs already published keep working: only pages
never published get one (ArticlePageForm.clean_slug)."""

import re

from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 60


def pinyin_words(text: str) -> list[str]:
    """The text's syllables and ASCII words, lower case, punctuation gone."""
    words = []
    for part in lazy_pinyin(text or "", errors=lambda chars: chars):
        words.extend(re.findall(r"[a-z0-9]+", slugify(part)))
    return words


def truncate(words: list[str], limit: int = MAX_LENGTH) -> str:
    """Whole words joined with "-", at most `limit` characters."""
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or (words[0][:limit] if words else "")


def pinyin_slug(title: str, limit: int = MAX_LENGTH) -> str:
    """让“民意渠道”修得更宽一些 -> rang-min-yi-qu-dao-xiu-de-geng-kuan-yi-xie."""
    return truncate(pinyin_words(title), limit)


def name_slug(name: str) -> str:
    """林晓雨 -> lin-xiaoyu: family name, then the given name in one word."""
    words = pinyin_words(name)
    if len(words) > 2 and all(not word.isdigit() for word in words):
        words = [words[0], "".join(words[1:])]
    return truncate(words)


def unique_slug(base: str, taken, limit: int = MAX_LENGTH) -> str:
    """`base`, or base-2, base-3 … if `taken(slug)` says it is in use."""
    base = base[:limit].strip("-") or "article"
    slug, n = base, 1
    while taken(slug):
        n += 1
        suffix = f"-{n}"
        slug = base[: limit - len(suffix)].rstrip("-") + suffix
    return slug


def is_automatic(slug: str, title: str) -> bool:
    """Whether a slug was not chosen by a person: empty, Chinese (Wagtail's
    own, or its editor's script filling it from the title), or the title's."""
    return not slug or not slug.isascii() or slug == slugify(title, allow_unicode=True)
