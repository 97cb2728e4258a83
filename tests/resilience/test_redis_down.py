"""gunicorn with the production settings and no Redis to talk to: every page
is still served, the health check says "degraded", and the outage is in
the JSON log once."""

import pytest

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.ops.redis import closed_port

pytestmark = [
    pytest.mark.resilience,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_site_is_served_without_redis_and_says_so(start_server):
    column = ColumnPageFactory(parent=get_home_page(), slug="xueyu")
    article = ArticlePageFactory(parent=column, slug="no-redis")
    server = start_server(REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")

    statuses = [
        server.request(url).status for url in ["/", column.url, article.url] * 3
    ]
    health = server.request("/healthz")

    assert statuses == [200] * 9
    assert health.status == 200
    assert b'"degraded"' in health.body
    outage_lines = [
        line for line in server.log_lines() if line.get("logger") == "ops.cache"
    ]
    assert len(outage_lines) == 1
    assert outage_lines[0]["level"] == "ERROR"
    assert "Redis unavailable" in outage_lines[0]["message"]


def test_the_site_uses_redis_when_it_is_there(start_server):
    server = start_server()

    health = server.request("/healthz")

    assert health.status == 200
    assert b'"status": "ok"' in health.body
