"""The same message to the same article within the duplicate window is
stored once, even when it reaches several workers at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from feedback.models import Feedback
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import form_data
from tests.home.factories import get_home_page

MESSAGES = 10
COPIES = 4

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write with a database-wide lock (the "
        "store takes it before its duplicate check); the race needs "
        "PostgreSQL's concurrent writers (DATABASE_URL=postgres://...).",
    ),
]


def test_each_message_sent_four_times_at_once_is_stored_once(settings):
    settings.FEEDBACK_RATE_LIMIT_ENABLED = False
    article = ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))
    url = reverse("feedback:submit", args=[article.pk])
    posts = [
        form_data(article, message=f"第{number}条：公交站台需要遮阳棚。")
        for number in range(MESSAGES)
        for _ in range(COPIES)
    ]
    start = threading.Barrier(len(posts))

    def submit(data: dict) -> int:
        client = Client()
        try:
            start.wait(timeout=30)
            return client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        statuses = list(pool.map(submit, posts))

    assert sorted(statuses) == [302] * MESSAGES + [409] * (MESSAGES * (COPIES - 1))
    assert Feedback.objects.filter(article=article).count() == MESSAGES
    assert (
        Feedback.objects.filter(article=article)
        .values("fingerprint")
        .distinct()
        .count()
        == MESSAGES
    )
