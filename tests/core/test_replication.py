"""Purges wait for the read replica to replay the change
(core/replication.py), so the page rendered for the next reader, read from
the replica, is the new one. The cluster test (tests/cluster/) runs it
against a real streaming replica."""

from unittest import mock

import pytest
from django.db import OperationalError, connections

from core.replication import wait_for_replica

both_databases = pytest.mark.django_db(databases=["default", "replica"])


@pytest.mark.django_db
def test_without_a_replica_there_is_nothing_to_wait_for(settings):
    settings.DATABASE_REPLICA_ALIAS = ""
    assert wait_for_replica() is True


@both_databases
def test_a_replica_that_is_no_standby_is_never_behind(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"  # the tests' mirror
    assert wait_for_replica(timeout=0.5) is True


@both_databases
def test_a_replica_that_is_away_is_not_waited_for(settings, caplog):
    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite has no replica to wait for")
    settings.DATABASE_REPLICA_ALIAS = "replica"

    def fail(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connections["replica"].execute_wrapper(fail):
        assert wait_for_replica(timeout=0.5) is False
    assert "not waited for" in caplog.text


@pytest.mark.django_db
def test_publishing_waits_for_the_replica_before_purging(
    settings, newsroom_article, django_capture_on_commit_callbacks
):
    calls = []
    with (
        mock.patch(
            "caching.purge.wait_for_replica", side_effect=lambda: calls.append("wait")
        ),
        mock.patch(
            "caching.purge.PurgeBatch.purge", side_effect=lambda: calls.append("purge")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        newsroom_article.save_revision().publish()
    assert calls and calls[0] == "wait"
    assert calls.index("purge") > 0


@pytest.fixture
def newsroom_article():
    from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
    from tests.home.factories import get_home_page

    column = ColumnPageFactory(parent=get_home_page(), slug="wait")
    return ArticlePageFactory(parent=column, slug="for-the-replica")
