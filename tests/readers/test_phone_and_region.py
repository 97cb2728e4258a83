"""Mainland mobile numbers (phonenumbers) and IP属地 (offline ip2region)."""

import pytest

from readers.ipregion import region_of, short_province
from readers.phone import last_four, parse_mainland_mobile, phone_hash


@pytest.mark.parametrize(
    "typed",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "008613800138000",
        "１３８００１３８０００",
    ],
)
def test_mainland_mobile_numbers_are_read_in_any_usual_spelling(typed):
    assert parse_mainland_mobile(typed) == "+8613800138000"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "12345",
        "1380013800",
        "138001380001",
        "010 6552 9988",
        "+852 6123 4567",
        "+1 415 555 0100",
        "abc",
        "1" * 40,
    ],
)
def test_other_numbers_are_refused(typed):
    assert parse_mainland_mobile(typed) is None


def test_number_is_stored_as_a_keyed_hash(settings):
    digest = phone_hash("+8613800138000")
    assert len(digest) == 64 and "13800138000" not in digest
    settings.READER_PHONE_HMAC_KEY = "another-key"
    assert phone_hash("+8613800138000") != digest
    assert last_four("+8613800138000") == "8000"


@pytest.mark.parametrize(
    ("address", "region"),
    [
        ("113.108.81.189", "广东"),
        ("61.135.169.121", "北京"),
        ("218.29.0.1", "河南"),
        ("125.70.0.1", "四川"),
        ("221.212.0.1", "黑龙江"),
        ("210.0.192.1", "香港"),
        ("168.95.1.1", "台湾"),
        ("8.8.8.8", "美国"),
        ("133.242.0.1", "日本"),
        ("10.0.0.1", "未知"),
        ("192.168.1.20", "未知"),
        ("127.0.0.1", "未知"),
        ("2001:db8::1", "未知"),
        ("240e:3b7:3272:d8d0::1", "未知"),
        ("::ffff:113.108.81.189", "广东"),
        ("not an address", "未知"),
        (None, "未知"),
    ],
)
def test_ip_region_comes_from_the_offline_database(address, region):
    assert region_of(address) == region


def test_configured_database_path_is_read(settings, tmp_path):
    from XdbSearchIP.xdbSearcher import dbPath

    copy = tmp_path / "ip2region.xdb"
    copy.write_bytes(open(dbPath, "rb").read())
    settings.IP_REGION_DATABASE = str(copy)
    assert region_of("113.108.81.189") == "广东"


def test_no_network_is_used(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("IP region lookup opened a connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert region_of("59.63.0.1") == "江西"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("新疆维吾尔自治区", "新疆"),
        ("北京市", "北京"),
        ("广东省", "广东"),
        ("香港特别行政区", "香港"),
        ("上海", "上海"),
    ],
)
def test_province_names_are_shortened(name, short):
    assert short_province(name) == short
