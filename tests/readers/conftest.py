import pytest

from readers import sms
from readers.session import SALT
from tests.caching.conftest import newsroom, page_cache  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _reader_settings(settings):
    """The policy as in production: public comments need a verified reader."""
    settings.READER_VERIFICATION_REQUIRED_FOR = ["comment"]
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1000, 600)
    settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE = (1000, 3600)
    settings.READER_SMS_BACKEND = "readers.sms.LocmemBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def sign_in_client(client, reader, settings):
    """Give the test client the reader's signed cookie, as verification does."""
    from django.core.signing import get_cookie_signer

    signer = get_cookie_signer(salt=settings.READER_COOKIE_NAME + SALT)
    client.cookies[settings.READER_COOKIE_NAME] = signer.sign(
        f"{reader.pk}:{reader.session_key}"
    )
    return client
