import pytest
from django.core.cache import cache

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import handler
from tests.home.factories import get_home_page


@pytest.fixture(autouse=True)
def _submissions_from_one_address(settings):
    """Tests post from 127.0.0.1; most are not about the rate limit."""
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1000, 600)
    settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE = (1000, 3600)


@pytest.fixture
def fresh_cache():
    """An empty cache before and after (likes, rate limits, fragments)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article():
    """An article under a column; modules with an article of their own
    override it."""
    column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
    return ArticlePageFactory(parent=column, title="加装电梯")


@pytest.fixture
def staff():
    return handler()
