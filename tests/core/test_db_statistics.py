"""Bulk loads end with ANALYZE of the tables they filled
(core/db_statistics.py): a fresh database is planned as well as an old one."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from core.db_statistics import analyze


def statistics_exist(table: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            return cursor.fetchone()[0] > 0
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_analyze_gives_a_filled_table_statistics():
    from tests.home.factories import get_home_page

    get_home_page()
    assert analyze([Page]) == ["wagtailcore_page"]
    assert statistics_exist("wagtailcore_page")


@pytest.mark.django_db
def test_tables_that_do_not_exist_are_skipped():
    assert analyze([Page], tables=["no_such_table"]) == ["wagtailcore_page"]


@pytest.mark.django_db
def test_generate_articles_and_feedback_end_with_analyze():
    out = StringIO()
    call_command(
        "generate_articles", count=3, seed=5, batch_size=4, authors=2, stdout=out
    )
    assert "ANALYZE: wagtailcore_page, articles_articlepage" in out.getvalue()
    assert statistics_exist("articles_articlepage")
    out = StringIO()
    call_command("generate_feedback", count=5, seed=5, stdout=out)
    assert "ANALYZE: feedback_feedback" in out.getvalue()
