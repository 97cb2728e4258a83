"""Optional two-factor sign-in for staff (django-otp TOTP devices)."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and correct password"


def code_for(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


@pytest.fixture
def editor():
    return UserFactory(username="editor", password=PASSWORD, is_superuser=True)


@pytest.fixture
def enrolled(editor):
    return TOTPDevice.objects.create(user=editor, name="手机", confirmed=True)


def log_in(client):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    return response


def test_without_an_authenticator_the_admin_opens_after_the_password(client, editor):
    log_in(client)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_editor_enrols_by_scanning_and_confirming_a_code(client, editor):
    log_in(client)
    page = client.get(reverse("security_two_factor_setup"))
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    response = client.post(
        reverse("security_two_factor_setup"), {"token": code_for(device)}
    )

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_once_enrolled_the_password_alone_no_longer_opens_the_admin(client, enrolled):
    log_in(client)

    response = client.get(reverse("wagtailadmin_explore_root"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security_two_factor_verify"))


def test_a_wrong_code_keeps_the_admin_closed(client, enrolled):
    log_in(client)

    response = client.post(reverse("security_two_factor_verify"), {"token": "000000"})

    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_the_right_code_opens_the_admin_and_goes_where_the_editor_was_heading(
    client, enrolled
):
    log_in(client)
    target = reverse("wagtailadmin_explore_root")

    response = client.post(
        reverse("security_two_factor_verify"),
        {"token": code_for(enrolled), "next": target},
    )

    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_the_code_form_never_redirects_off_site(client, enrolled):
    log_in(client)

    response = client.post(
        reverse("security_two_factor_verify"),
        {"token": code_for(enrolled), "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("wagtailadmin_home")


def test_guessing_codes_is_throttled(client, enrolled):
    log_in(client)
    for _ in range(3):
        client.post(reverse("security_two_factor_verify"), {"token": "000000"})

    response = client.post(
        reverse("security_two_factor_verify"), {"token": code_for(enrolled)}
    )

    assert response.status_code == 200, "even the right code waits after failures"
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_used_code_cannot_be_replayed(client, enrolled):
    code = code_for(enrolled)
    log_in(client)
    client.post(reverse("security_two_factor_verify"), {"token": code})
    client.logout()

    log_in(client)
    response = client.post(reverse("security_two_factor_verify"), {"token": code})

    assert response.status_code == 200


def test_turning_it_off_needs_a_current_code(client, enrolled, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code
    log_in(client)
    client.post(reverse("security_two_factor_verify"), {"token": code_for(enrolled)})

    client.post(reverse("security_two_factor_disable"), {"token": "000000"})
    assert TOTPDevice.objects.filter(user=enrolled.user).exists()

    client.post(
        reverse("security_two_factor_disable"), {"token": code_for(enrolled, 30)}
    )
    assert not TOTPDevice.objects.filter(user=enrolled.user).exists()


def test_when_required_staff_without_an_authenticator_are_sent_to_enrol(
    client, editor, settings
):
    settings.TWO_FACTOR_REQUIRED = True
    log_in(client)

    response = client.get(reverse("wagtailadmin_home"))

    assert response["Location"].startswith(reverse("security_two_factor_setup"))
    assert client.get(reverse("security_two_factor_setup")).status_code == 200


def test_anonymous_visitors_cannot_reach_the_enrolment_page(client):
    response = client.get(reverse("security_two_factor_setup"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_account_menu_offers_two_factor_sign_in(client, editor):
    log_in(client)

    response = client.get(reverse("wagtailadmin_account"))

    assert reverse("security_two_factor_setup") in response.content.decode()
