"""Sending and checking codes: validity, limits per number and per address,
the lock after five wrong codes; every refusal in Chinese, input kept."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from readers import sms
from readers.models import Consent, PhoneCheck, Reader, VerificationCode
from readers.phone import phone_hash
from readers.verification import Refused, check_code, send_code
from tests.readers.factories import rules_documents

pytestmark = pytest.mark.django_db
PHONE = "+8613800138000"


def last_code():
    return sms.outbox[-1][1]


def test_a_six_digit_code_is_sent_and_only_its_hash_kept():
    send_code(PHONE, "203.0.113.1")
    phone, code = sms.outbox[-1]
    assert phone == PHONE and len(code) == 6 and code.isdigit()
    row = VerificationCode.objects.get()
    assert code not in row.code_hash and row.phone_hash == phone_hash(PHONE)
    assert row.expires_at - row.created_at == timedelta(minutes=5)


def test_right_code_creates_the_reader_once_and_is_used_up():
    send_code(PHONE, "203.0.113.1")
    code = last_code()
    reader = check_code(PHONE, code)
    assert (reader.phone_last4, reader.nickname) == ("8000", None)
    assert reader.phone_hash == phone_hash(PHONE)
    with pytest.raises(Refused, match="已过期或未发送"):
        check_code(PHONE, code)
    send_code(PHONE, "203.0.113.1")
    assert check_code(PHONE, last_code()) == reader
    assert Reader.objects.count() == 1


def test_code_older_than_five_minutes_is_refused():
    send_code(PHONE, "203.0.113.1")
    VerificationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(Refused, match="已过期"):
        check_code(PHONE, last_code())


def test_five_sends_per_number_a_day():
    for n in range(5):
        send_code(PHONE, f"203.0.113.{n + 1}")
    with pytest.raises(Refused, match="今天已发送 5 次"):
        send_code(PHONE, "203.0.113.99")
    assert len(sms.outbox) == 5


def test_five_sends_per_address_an_hour_ipv6_by_64():
    for n in range(5):
        send_code(f"+861380013800{n}", f"2001:db8:1:2::{n + 1}")
    with pytest.raises(Refused, match="一小时内"):
        send_code("+8613900139000", "2001:db8:1:2:ffff::9")
    send_code("+8613900139000", "2001:db8:1:3::1")  # another /64


def test_five_wrong_codes_lock_the_number_for_thirty_minutes():
    send_code(PHONE, "203.0.113.1")
    right = last_code()
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(Refused, match=f"还可以尝试 {left} 次"):
            check_code(PHONE, wrong)
    with pytest.raises(Refused, match="已锁定"):
        check_code(PHONE, wrong)
    with pytest.raises(Refused, match="已锁定，请 30 分钟后再试"):
        check_code(PHONE, right)  # even the right code, while locked
    with pytest.raises(Refused, match="已锁定"):
        send_code(PHONE, "203.0.113.1")
    PhoneCheck.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    send_code(PHONE, "203.0.113.1")
    assert check_code(PHONE, last_code()).phone_last4 == "8000"


def test_provider_failure_is_a_clear_refusal(settings):
    settings.READER_SMS_BACKEND = "tests.readers.test_verification.FailingBackend"
    with pytest.raises(Refused, match="短信暂时发送失败"):
        send_code(PHONE, "203.0.113.1")


class FailingBackend(sms.BaseBackend):
    def send_code(self, phone, code):
        raise sms.SmsError("down")


# --- The pages ---------------------------------------------------------------


def post(client, **data):
    return client.post(reverse("readers:verify"), data, REMOTE_ADDR="203.0.113.7")


def test_verification_pages_take_a_reader_through_to_a_nickname(client, settings):
    rules_documents("v1")
    page = client.get(reverse("readers:verify") + "?next=/some-article/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert "《评论规则》" in page.content.decode()

    sent = post(
        client, phone="138 0013 8000", agree="on", action="send", next="/some-article/"
    )
    assert sent.status_code == 200
    assert "6 位验证码已发送" in sent.content.decode()
    done = post(
        client,
        phone="138 0013 8000",
        agree="on",
        action="check",
        code=last_code(),
        next="/some-article/",
    )
    assert done.status_code == 302
    assert done["Location"].startswith(reverse("readers:nickname"))
    cookie = done.cookies[settings.READER_COOKIE_NAME]
    assert cookie["max-age"] == 30 * 24 * 3600 and cookie["httponly"]
    assert "sessionid" not in done.cookies
    reader = Reader.objects.get()
    assert set(Consent.objects.values_list("document", "version")) == {
        ("rules", "v1"),
        ("terms", "v1"),
        ("privacy", "v1"),
    }

    named = client.post(
        done["Location"], {"nickname": "江城老李", "next": "/some-article/"}
    )
    assert named.status_code == 302 and named["Location"] == "/some-article/"
    reader.refresh_from_db()
    assert reader.nickname == "江城老李"
    state = client.get(reverse("readers:state")).json()
    assert state["verified"] and state["nickname"] == "江城老李"
    assert not state["needs_consent"]


def test_refusals_are_chinese_and_keep_the_number(client):
    bad = post(client, phone="1380013", agree="on", action="send")
    text = bad.content.decode()
    assert bad.status_code == 400
    assert "不是有效的中国大陆手机号" in text and 'value="1380013"' in text

    no_consent = post(client, phone="13800138000", action="send")
    assert "请先阅读并同意" in no_consent.content.decode()
    assert 'value="13800138000"' in no_consent.content.decode()

    post(client, phone="13800138000", agree="on", action="send")
    wrong = post(client, phone="13800138000", agree="on", action="check", code="12345x")
    assert "验证码是 6 位数字" in wrong.content.decode()
    code = last_code()
    wrong = post(
        client,
        phone="13800138000",
        agree="on",
        action="check",
        code="000000" if code != "000000" else "111111",
    )
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "验证码不正确" in text and 'value="13800138000"' in text


def test_send_limit_page_is_a_429_with_the_number_kept(client, settings):
    settings.READER_CODE_SENDS_PER_IP = (1, 3600)
    post(client, phone="13800138000", agree="on", action="send")
    again = post(client, phone="13900139000", agree="on", action="send")
    assert again.status_code == 429
    assert 'value="13900139000"' in again.content.decode()


def test_next_may_not_lead_to_another_site(client):
    post(client, phone="13800138000", agree="on", action="send")
    done = post(
        client,
        phone="13800138000",
        agree="on",
        action="check",
        code=last_code(),
        next="https://evil.example/",
    )
    assert done["Location"].startswith(reverse("readers:nickname"))
    assert "evil" not in done["Location"]


def test_signing_out_ends_every_copy_of_the_cookie(client, settings):
    from django.test import Client

    post(client, phone="13800138000", agree="on", action="send")
    post(client, phone="13800138000", agree="on", action="check", code=last_code())
    copy = Client()
    copy.cookies[settings.READER_COOKIE_NAME] = client.cookies[
        settings.READER_COOKIE_NAME
    ].value
    assert copy.get(reverse("readers:state")).json()["verified"]
    client.post(reverse("readers:signout"))
    assert not client.get(reverse("readers:state")).json()["verified"]
    assert not copy.get(reverse("readers:state")).json()["verified"]


def test_a_forged_cookie_is_nobody(client, settings):
    client.cookies[settings.READER_COOKIE_NAME] = "1:abc"
    assert client.get(reverse("readers:state")).json() == {
        "verified": False,
        "verify_url": reverse("readers:verify"),
    }


def test_verification_nickname_and_consent_are_in_the_comment_log(client):
    from commentlog.models import CommentLogEntry

    rules_documents("v1")
    post(client, phone="13800138000", agree="on", action="send")
    post(client, phone="13800138000", agree="on", action="check", code=last_code())
    client.post(reverse("readers:nickname"), {"nickname": "江城老李"})
    reader = Reader.objects.get()
    rows = list(CommentLogEntry.objects.filter(reader_id=reader.pk).order_by("pk"))
    assert [(r.action, r.step) for r in rows] == [
        ("verify", "phone"),
        ("consent", "privacy"),
        ("consent", "rules"),
        ("consent", "terms"),
        ("verify", "nickname"),
    ]
    assert rows[0].ip_address == "203.0.113.7"
    assert rows[0].detail == {"last4": "8000"}
    assert rows[1].detail == {"document": "privacy", "version": "v1"}
    assert len(rows[-1].content_sha256) == 64
