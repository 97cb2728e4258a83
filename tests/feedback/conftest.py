import pytest


@pytest.fixture(autouse=True)
def _submissions_from_one_address(settings):
    """Tests post from 127.0.0.1; most are not about the rate limit."""
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1000, 600)
    settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE = (1000, 3600)
