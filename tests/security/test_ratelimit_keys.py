"""One limit-key function for every per-address limit: IPv6 by /64."""

import pytest
from django.test import RequestFactory

from security.client_ip import client_ip
from security.ratelimit import client_key, limit_key


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:DB8:0001:0002:0:0:0:5", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("::1", "::/64"),
    ],
)
def test_limit_key_is_the_ipv4_address_or_the_ipv6_64(address, key):
    assert limit_key(address) == key


def test_addresses_in_different_ipv6_64s_have_different_keys():
    assert limit_key("2001:db8:1:2::1") != limit_key("2001:db8:1:3::1")


def test_client_key_groups_while_client_ip_stays_exact(settings):
    settings.TRUSTED_PROXY_HEADER = ""
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8:1:2::abcd")

    assert client_ip(request) == "2001:db8:1:2::abcd"
    assert client_key(request) == "2001:db8:1:2::/64"
