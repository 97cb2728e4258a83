import pytest
from django.contrib.auth import get_user_model

from core.people import display_name

User = get_user_model()


@pytest.mark.parametrize(
    ("first_name", "last_name", "expected"),
    [
        ("三", "张", "张三"),
        ("扎西", "索朗", "索朗扎西"),
        (" 三 ", " 张 ", "张三"),
        ("Ann", "Lee", "Ann Lee"),
        ("Ann", "", "Ann"),
        ("", "Lee", "Lee"),
    ],
)
def test_display_name(first_name, last_name, expected):
    user = User(username="someone", first_name=first_name, last_name=last_name)
    assert display_name(user) == expected


def test_display_name_of_a_user_without_names_is_the_username():
    assert display_name(User(username="editor7")) == "editor7"


def test_display_name_of_nobody_is_empty():
    assert display_name(None) == ""
