"""The admin's password reset sends a limited number of e-mails per e-mail
address and per client address (IPv6 by /64), and past the limit answers
exactly as before, so it reveals neither the account nor the throttle."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def ask_reset(client, email, address="203.0.113.7"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_eight_resets_for_one_address_send_only_the_allowed_e_mails(
    client, settings, caplog
):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (3, 3600)
    UserFactory(username="editor", email="editor@example.com")

    with caplog.at_level(logging.WARNING, logger="security.forms"):
        responses = [
            ask_reset(client, "Editor@example.com", address=f"198.51.100.{n}")
            for n in range(1, 9)
        ]

    assert len(mail.outbox) == 3
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("wagtailadmin_password_reset_done"))
    }
    assert sum("not sent" in record.getMessage() for record in caplog.records) == 5


def test_a_throttled_reset_looks_the_same_as_one_for_an_unknown_address(
    client, settings
):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (1, 3600)
    UserFactory(username="editor", email="editor@example.com")
    ask_reset(client, "editor@example.com")

    throttled = ask_reset(client, "editor@example.com")
    unknown = ask_reset(client, "nobody@example.com")

    assert len(mail.outbox) == 1
    assert throttled.status_code == unknown.status_code == 302
    assert throttled["Location"] == unknown["Location"]
    done = client.get(throttled["Location"])
    assert done.status_code == 200


def test_resets_from_one_ipv6_64_share_one_allowance(client, settings):
    settings.PASSWORD_RESET_RATE_LIMIT_PER_IP = (2, 3600)
    for number in range(1, 5):
        UserFactory(username=f"editor{number}", email=f"editor{number}@example.com")

    for number in range(1, 4):
        ask_reset(
            client, f"editor{number}@example.com", address=f"2001:db8:1:2::{number}"
        )
    ask_reset(client, "editor4@example.com", address="2001:db8:1:3::1")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor1@example.com",
        "editor2@example.com",
        "editor4@example.com",
    ]
