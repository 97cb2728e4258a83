"""How staff members are named, in the admin and on public pages.

Chinese names read family name first (林 + 晓雨 = 林晓雨); others read
"Ann Lee". Django's ``User.get_full_name`` puts the given name first, and
Wagtail names people everywhere through it (the admin header, history,
workflow status, comments, notifications and their e-mails), so
``use_family_name_first`` (called once, by ``CoreConfig.ready``) replaces it
with ``full_name``: the one override, instead of a custom user model (see
docs/architecture.md, "Design decisions")."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def full_name(user) -> str:
    """The person's name from first/last name, family name first for
    Chinese names; a name typed into one field is shown as typed. "" if
    neither is set."""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def display_name(user) -> str:
    """The name to show; the username for an account with no name."""
    if user is None:
        return ""
    return full_name(user) or user.get_username()


def use_family_name_first(user_model) -> None:
    """Make ``user.get_full_name()`` (hence Wagtail's user_display_name)
    return ``full_name``; ``get_short_name`` stays the given name."""

    def get_full_name(self):
        return full_name(self)

    get_full_name.__doc__ = full_name.__doc__
    user_model.get_full_name = get_full_name
