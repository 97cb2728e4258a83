"""feedback 0003: the correction notes kept on feedback items become approved
corrections (corrections/), with the times the notes were recorded, and the
items link to them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page

BEFORE = [("feedback", "0002_feedback_handler_group")]
AFTER = [("feedback", "0003_correction_link")]
NOTED = dt.datetime(2026, 10, 8, 6, 30, tzinfo=dt.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_migrations():
    """Whatever the test leaves, the next tests get every migration."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("back_to_the_latest_migrations")
def test_correction_notes_become_approved_corrections():
    column = ColumnPageFactory(parent=get_home_page())
    article = ArticlePageFactory(parent=column)
    apps = migrate(BEFORE)
    Feedback = apps.get_model("feedback", "Feedback")
    FeedbackEvent = apps.get_model("feedback", "FeedbackEvent")

    def item(code, **fields):
        return Feedback.objects.create(
            tracking_code=code,
            tracking_token=code * 4,
            article_id=article.pk,
            column_id=column.pk,
            article_title=article.title,
            kind="correction",
            state="closed",
            message="纠错",
            **fields,
        )

    noted = item("A1", correction_note="第三段的里程应为一千二百公里。")
    FeedbackEvent.objects.create(
        feedback=noted,
        action="correction",
        actor_name="周明哲",
        reason=noted.correction_note,
        created_at=NOTED,
    )
    later = item(
        "B2",
        correction_note="标题里的年份应为2026年。",
        replied_at=NOTED + dt.timedelta(days=3),
    )
    plain = item("C3")

    apps = migrate(AFTER)
    Feedback = apps.get_model("feedback", "Feedback")
    Correction = apps.get_model("corrections", "Correction")

    first, second = Correction.objects.order_by("number")
    assert (first.number, first.text) == (1, "第三段的里程应为一千二百公里。")
    assert first.state == "approved"
    assert first.published_at == first.approved_at == first.created_at == NOTED
    assert second.number == 2
    assert second.published_at == NOTED + dt.timedelta(days=3)
    assert Feedback.objects.get(pk=noted.pk).correction_id == first.pk
    assert Feedback.objects.get(pk=later.pk).correction_id == second.pk
    assert Feedback.objects.get(pk=plain.pk).correction_id is None
