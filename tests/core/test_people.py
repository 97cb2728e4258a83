import pytest
from django.contrib.auth import get_user_model
from wagtail.admin.utils import get_user_display_name

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


@pytest.mark.parametrize(
    ("first_name", "last_name", "expected"),
    [
        ("晓雨", "林", "林晓雨"),
        ("", "林晓雨", "林晓雨"),  # the whole name typed into one field
        ("林晓雨", "", "林晓雨"),
        ("Ann", "Lee", "Ann Lee"),
        ("", "", ""),
    ],
)
def test_get_full_name_reads_family_name_first(first_name, last_name, expected):
    """Wagtail names staff through get_full_name (header, history, workflow
    status, comments, e-mails); core overrides it once for every user."""
    user = User(username="someone", first_name=first_name, last_name=last_name)
    assert user.get_full_name() == expected


@pytest.mark.django_db
def test_wagtails_user_display_name_is_family_name_first():
    user = User.objects.create(username="linxy", first_name="晓雨", last_name="林")
    assert get_user_display_name(user) == "林晓雨"
    user.first_name, user.last_name = "", "林晓雨"
    assert get_user_display_name(user) == "林晓雨"
