"""Rate limits count in the shared cache (Redis), so they hold across app
servers (tests/cluster/ proves it with two gunicorns). While Redis is lost
nothing can be counted: the limits fail open, a reader's feedback is taken
(never a 500), and they count again once Redis is back."""

import pytest
from django.urls import reverse

from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import form_data
from tests.home.factories import get_home_page
from tests.ops.redis import closed_port_redis_cache, redis_cache
from tests.ops.test_cache_fallback import own_redis  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

MESSAGES = [
    "公交站台的遮雨棚漏水，希望尽快修一修。",
    "学校门口早上车太多，孩子过马路不安全。",
    "菜市场的排水沟堵了，下雨天到处是水。",
]


@pytest.fixture
def article():
    column = ColumnPageFactory(parent=get_home_page(), slug="minsheng")
    return ArticlePageFactory(parent=column, slug="gongjiao")


def post_feedback(client, article):
    return [
        client.post(
            reverse("feedback:submit", args=[article.pk]),
            form_data(article, message=message),
        ).status_code
        for message in MESSAGES
    ]


def test_while_redis_is_lost_the_limits_fail_open(client, settings, article):
    settings.CACHES = closed_port_redis_cache()
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1, 600)

    assert post_feedback(client, article) == [302, 302, 302]
    assert Feedback.objects.count() == 3


def test_with_redis_the_same_limit_holds(client, settings, article, own_redis):  # noqa: F811
    settings.CACHES = redis_cache(own_redis.url)
    settings.FEEDBACK_RATE_LIMIT_PER_IP = (1, 600)

    assert post_feedback(client, article) == [302, 429, 429]
    assert Feedback.objects.count() == 1
