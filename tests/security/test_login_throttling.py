"""django-axes in front of Wagtail's own login view."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and correct password"


@pytest.fixture(autouse=True)
def throttled(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def editor():
    return UserFactory(username="editor", password=PASSWORD, is_superuser=True)


def log_in(client, password, address="203.0.113.7", **headers):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_five_wrong_passwords_lock_the_address_out_even_for_the_right_one(
    client, editor
):
    for _ in range(4):
        assert log_in(client, "guess").status_code == 200

    fifth = log_in(client, "guess")
    right = log_in(client, PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert "登录尝试过多" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_locked_out_address_does_not_lock_the_editor_out_elsewhere(client, editor):
    for _ in range(5):
        log_in(client, "guess")

    response = log_in(client, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_successful_login_clears_earlier_failures(client, editor):
    for _ in range(4):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()

    for _ in range(4):
        assert log_in(client, "guess").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, editor):
    for number in range(5):
        log_in(client, "guess", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    assert (
        log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429
    )


def test_behind_the_proxy_the_trusted_header_names_the_client(client, editor, settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for _ in range(5):
        log_in(client, "guess", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    other_reader = log_in(
        client, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20"
    )

    assert other_reader.status_code == 302


def test_passwords_are_checked_by_the_validators(client):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = get_user_model()(username="zhangsan")
    for weak in ["12345678", "password", "zhangsan1", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user)


def test_failures_from_one_ipv6_64_lock_out_the_whole_64(client, editor):
    for host in range(1, 6):
        log_in(client, "guess", address=f"2001:db8:1:2::{host}")

    same_64 = log_in(client, PASSWORD, address="2001:db8:1:2:ffff::99")
    other_64 = log_in(client, PASSWORD, address="2001:db8:1:3::1")

    assert same_64.status_code == 429
    assert other_64.status_code == 302


def test_the_login_throttle_records_keep_the_exact_addresses(client, editor):
    from axes.models import AccessAttempt

    for host in range(1, 3):
        log_in(client, "guess", address=f"2001:db8:1:2::{host}")

    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "2001:db8:1:2::1",
        "2001:db8:1:2::2",
    ]


def test_a_64_with_zero_hextets_is_one_key_however_its_addresses_are_written(
    client, editor
):
    # All in 2001:db8:0:0::/64, written with "::" in different places.
    for address in [
        "2001:db8::1",
        "2001:db8::1:0:0:2",
        "2001:db8:0:0:1::3",
        "2001:db8::ffff:ffff:ffff:ffff",
        "2001:0db8:0000:0000:0000:0000:0000:0005",
    ]:
        log_in(client, "guess", address=address)

    assert log_in(client, PASSWORD, address="2001:db8::abcd").status_code == 429
    assert log_in(client, PASSWORD, address="2001:db8:0:1::1").status_code == 302
