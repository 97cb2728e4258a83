"""A nickname is screened like any reader text (the 敏感词 terms and rules,
after the one normaliser), unique in its normalised form, holds no phone
number, and does not pass for the newsroom's staff or an author."""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from articles.models import Author
from core.models.terms import terms_by_level, texts_found_in
from core.text import compact
from readers.models import Reader

MIN_LENGTH = 2
MAX_LENGTH = 16
# Seven digits or more, after Chinese numerals were folded to digits.
_DIGIT_RUN = re.compile(r"\d{7,}")
# Words that make a nickname look official (compact form).
STAFF_WORDS = (
    "官方",
    "管理员",
    "管理",
    "版主",
    "编辑",
    "小编",
    "主编",
    "记者",
    "客服",
    "本站",
    "站长",
    "审核",
    "admin",
    "editor",
    "moderator",
    "official",
)


def nickname_key(nickname: str) -> str:
    return compact(nickname)


def _people_keys() -> set[str]:
    """Staff names (both orders, and usernames) and authors' names."""
    keys = set()
    for first, last, username in (
        get_user_model()
        .objects.filter(is_active=True)
        .values_list("first_name", "last_name", "username")
    ):
        for name in (f"{last}{first}", f"{first}{last}", username):
            if key := compact(name):
                keys.add(key)
    for name in Author.objects.values_list("name", flat=True):
        if key := compact(name):
            keys.add(key)
    return keys


def validate_nickname(nickname: str, *, reader: Reader | None = None) -> str:
    """The nickname, stripped; ValidationError with the reason otherwise."""
    nickname = (nickname or "").strip()
    key = nickname_key(nickname)
    if len(nickname) < MIN_LENGTH or len(key) < MIN_LENGTH:
        raise ValidationError(
            _("A nickname has at least %(min)d characters (letters or digits).")
            % {"min": MIN_LENGTH}
        )
    if len(nickname) > MAX_LENGTH:
        raise ValidationError(
            _("A nickname has at most %(max)d characters; this one has %(n)d.")
            % {"max": MAX_LENGTH, "n": len(nickname)}
        )
    if _DIGIT_RUN.search(key):
        raise ValidationError(_("A nickname may not contain a phone number."))
    levels = terms_by_level()
    if texts_found_in(levels.get("blocked", []) + levels.get("suspect", []), nickname):
        raise ValidationError(
            _(
                "This nickname contains words that are not allowed. "
                "Please choose another."
            )
        )
    # normalise() reads a capital I as l (look-alikes): EDITOR → edltor.
    readings = (key, key.replace("l", "i"))
    if any(compact(word) in reading for word in STAFF_WORDS for reading in readings):
        raise ValidationError(
            _(
                "A nickname may not look like the newsroom's staff or an "
                "official account."
            )
        )
    if key in _people_keys():
        raise ValidationError(
            _(
                "This nickname is the name of one of our authors or staff. "
                "Please choose another."
            )
        )
    taken = Reader.objects.filter(nickname_key=key)
    if reader is not None:
        taken = taken.exclude(pk=reader.pk)
    if taken.exists():
        raise ValidationError(_("This nickname is taken. Please choose another."))
    return nickname
