"""Many readers at once: nothing lost, no tracking code given out twice."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import form_data
from tests.home.factories import get_home_page

SUBMISSIONS = 200
THREADS = 16

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write with a database-wide lock, so "
        "parallel submissions would only measure lock time-outs; this runs "
        "in the PostgreSQL leg of CI (DATABASE_URL=postgres://...).",
    ),
]


def test_parallel_submissions_to_one_article_are_all_stored_with_distinct_codes(
    settings,
):
    settings.FEEDBACK_RATE_LIMIT_ENABLED = False
    article = ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))
    url = reverse("feedback:submit", args=[article.pk])

    def submit(number: int) -> int:
        try:
            response = Client().post(
                url,
                form_data(article, message=f"第{number}位读者：公交站台需要遮阳棚。"),
                REMOTE_ADDR=f"198.51.{number // 250}.{number % 250 + 1}",
            )
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(submit, range(SUBMISSIONS)))

    assert statuses == [302] * SUBMISSIONS
    codes = list(
        Feedback.objects.filter(article=article).values_list("tracking_code", flat=True)
    )
    assert len(codes) == SUBMISSIONS
    assert len(set(codes)) == SUBMISSIONS
    assert (
        Feedback.objects.filter(article=article, events__action="submit").count()
        == SUBMISSIONS
    )
