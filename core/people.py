"""How staff members are named on public pages."""

import re

CJK = re.compile(r"[\u3400-\u9fff]")


def display_name(user) -> str:
    """Chinese names read family name first (张 + 三 = 张三), others "Ann Lee"."""
    if user is None:
        return ""
    first, last = user.first_name.strip(), user.last_name.strip()
    if CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part) or user.get_username()
