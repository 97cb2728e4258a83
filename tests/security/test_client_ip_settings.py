import os
import warnings
from unittest import mock

import pytest
from django.test import RequestFactory

from newsroom.settings.env import renamed
from security.client_ip import client_ip


def forwarded_request():
    return RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5"
    )


def test_trusted_proxy_header_is_read(settings):
    settings.TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(forwarded_request()) == "203.0.113.5"


def test_old_setting_names_still_read_with_a_deprecation_warning(settings):
    settings.TRUSTED_PROXY_HEADER = ""
    settings.FEEDBACK_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.FEEDBACK_TRUSTED_PROXIES = ["127.0.0.1"]
    with pytest.warns(DeprecationWarning, match="TRUSTED_PROXY_HEADER"):
        assert client_ip(forwarded_request()) == "203.0.113.5"


def test_old_environment_variable_is_read_with_a_deprecation_warning():
    with mock.patch.dict(os.environ, {"FEEDBACK_TRUSTED_PROXIES": "10.0.0.1"}):
        os.environ.pop("TRUSTED_PROXIES", None)
        with pytest.warns(DeprecationWarning, match="TRUSTED_PROXIES"):
            assert renamed("TRUSTED_PROXIES", old="FEEDBACK_TRUSTED_PROXIES") == (
                "FEEDBACK_TRUSTED_PROXIES"
            )


def test_new_environment_variable_wins_without_a_warning():
    env = {"TRUSTED_PROXIES": "10.0.0.2", "FEEDBACK_TRUSTED_PROXIES": "10.0.0.1"}
    with mock.patch.dict(os.environ, env), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert renamed("TRUSTED_PROXIES", old="FEEDBACK_TRUSTED_PROXIES") == (
            "TRUSTED_PROXIES"
        )
