"""Two ratings of the same reply at once (two tabs, a double click): one is
kept, the other is answered 409 with a clear message, never a 500."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from feedback import lifecycle
from feedback.models import Feedback, FeedbackEvent, Rating, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page


def replied_item():
    article = ArticlePageFactory(parent=ColumnPageFactory(parent=get_home_page()))
    return walk_to(FeedbackFactory(article=article), State.REPLIED, handler())


def tracking_url(item):
    return reverse("feedback:track", args=[item.tracking_code, item.tracking_token])


@pytest.mark.django_db
def test_a_rating_that_another_rating_overtook_is_a_409_with_a_clear_page(
    client, monkeypatch
):
    item = replied_item()
    rate = lifecycle.rate

    def overtaken(this, *args, **kwargs):
        # The other tab's rating lands after this request read the item as
        # replied, before its own step locks the row.
        rate(Feedback.objects.get(pk=this.pk), Rating.SATISFIED)
        return rate(this, *args, **kwargs)

    monkeypatch.setattr(lifecycle, "rate", overtaken)

    response = client.post(
        tracking_url(item), {"rating": Rating.UNSATISFIED, "reason": "没修好"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "刚刚已经评价过" in page
    assert "这次的评价没有保存" in page
    # The rating that was kept, as the page now shows it.
    assert f"<dt>您的评价</dt><dd>{Rating.SATISFIED.label}</dd>" in page
    item.refresh_from_db()
    assert (item.state, item.rating) == (State.CLOSED, Rating.SATISFIED)
    assert item.events.filter(action="rate").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks (select_for_update); SQLite locks the whole "
    "database. Runs in the PostgreSQL leg of CI (DATABASE_URL=postgres://...).",
)
def test_two_simultaneous_ratings_are_serialised_and_the_second_is_a_409(
    monkeypatch,
):
    item = replied_item()
    url = tracking_url(item)
    both_read_the_item = threading.Barrier(2, timeout=10)
    rate = lifecycle.rate

    def after_both_read(this, *args, **kwargs):
        both_read_the_item.wait()
        return rate(this, *args, **kwargs)

    monkeypatch.setattr(lifecycle, "rate", after_both_read)

    def post(rating: str) -> int:
        try:
            data = {"rating": rating, "reason": "还是没修好"}
            return Client().post(url, data).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(post, [Rating.SATISFIED, Rating.UNSATISFIED]))

    assert statuses == [302, 409]
    item.refresh_from_db()
    kept = FeedbackEvent.objects.filter(
        feedback=item, action__in=["rate", "reopen"], by_submitter=True
    )
    assert kept.count() == 1
