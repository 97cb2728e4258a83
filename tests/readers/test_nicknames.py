"""Nicknames: screened, unique after normalising, no phone numbers, nobody
passing for staff or an author."""

import pytest
from django.core.exceptions import ValidationError

from core.models import Term
from readers.nicknames import validate_nickname
from tests.articles.factories import AuthorFactory
from tests.core.factories import UserFactory
from tests.readers.factories import ReaderFactory

pytestmark = pytest.mark.django_db


def refused(nickname, reader=None):
    with pytest.raises(ValidationError) as error:
        validate_nickname(nickname, reader=reader)
    return " ".join(error.value.messages)


def test_ordinary_nickname_passes():
    assert validate_nickname("  江城老李 ") == "江城老李"


def test_phone_numbers_are_refused_in_any_disguise():
    assert "电话号码" in refused("老李13800138000")
    assert "电话号码" in refused("老李一三八零零一三八零零零")
    assert "电话号码" in refused("老李138 0013 8000")


def test_blocked_and_suspect_terms_are_refused_after_normalising():
    Term.objects.create(text="赌博", level="blocked")
    Term.objects.create(text="代购", level="suspect")
    assert "不允许" in refused("爱賭博的人")
    assert "不允许" in refused("专业代 购")


def test_staff_words_are_refused():
    for name in ("官方客服", "本站小编", "Admin老王", "ＥＤＩＴＯＲ"):
        assert "冒充" in refused(name)


def test_authors_and_staff_names_are_refused():
    AuthorFactory(name="陈鑫远")
    UserFactory(first_name="明", last_name="王")
    assert "同名" in refused("陈鑫远")
    assert "同名" in refused("王明")


def test_nicknames_are_unique_after_normalising():
    ReaderFactory(nickname="张三丰")
    assert "已被使用" in refused("張三丰")
    assert "已被使用" in refused("张 三 丰")


def test_a_reader_may_keep_their_own_nickname():
    reader = ReaderFactory(nickname="张三丰")
    assert validate_nickname("张三丰", reader=reader) == "张三丰"


def test_length_limits():
    assert "至少" in refused("a")
    assert "最多" in refused("长" * 17)
