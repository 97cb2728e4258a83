"""`check --deploy` warns when verification codes would never reach a
reader's phone or numbers are hashed with a key derived from SECRET_KEY."""

import pytest

from readers.checks import check_reader_settings


def ids(settings):
    return {problem.id for problem in check_reader_settings(None)}


@pytest.mark.parametrize(
    "backend", ["readers.sms.ConsoleBackend", "readers.sms.LocmemBackend"]
)
def test_a_backend_that_loses_the_codes_is_a_warning(settings, backend):
    settings.READER_PHONE_HMAC_KEY = "k" * 32
    settings.READER_SMS_BACKEND = backend
    assert ids(settings) == {"readers.W002"}


@pytest.mark.parametrize(
    "backend", ["readers.sms.FileBackend", "readers.aliyun.AliyunSmsBackend"]
)
def test_a_backend_that_delivers_is_accepted(settings, backend):
    settings.READER_PHONE_HMAC_KEY = "k" * 32
    settings.READER_SMS_BACKEND = backend
    assert ids(settings) == set()


def test_no_phone_key_is_a_warning(settings):
    settings.READER_PHONE_HMAC_KEY = ""
    settings.READER_SMS_BACKEND = "readers.sms.FileBackend"
    assert ids(settings) == {"readers.W001"}
