"""Article lists that keep their query count flat however many items they show."""

import datetime as dt

from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import ArticlePage


def published(queryset=None):
    """Live, public articles, newest first by display date, ready to list."""
    queryset = ArticlePage.objects.all() if queryset is None else queryset
    return queryset.readable().for_listing()


def in_bulk_for_listing(articles, ids) -> dict:
    """{pk: article} for ids gathered from several lists, so a page with many
    lists fetches its articles (and their bylines) once. `articles` is an
    already live and public queryset."""
    if not ids:
        return {}
    return articles.filter(pk__in=set(ids)).for_listing().in_bulk()


def latest_ids(articles, count: int) -> list[int]:
    return list(
        articles.with_sort_date()
        .order_by("-sort_date", "-pk")
        .values_list("pk", flat=True)[:count]
    )


def with_latest_ids(columns, articles, per_column: int) -> list:
    """The columns, each with latest_ids: its newest `per_column` article
    pks, newest first; `articles` is an already live and public queryset.
    They are subqueries of the columns' own query, each reading the
    (listed_column, listed_at) index, so the cost does not grow with the
    archive."""
    in_column = articles.filter(listed_column=OuterRef("pk"))
    newest = in_column.with_sort_date().order_by("-sort_date", "-pk").values("pk")
    columns = list(
        columns.annotate(
            **{
                f"latest_{position}": Subquery(newest[position : position + 1])
                for position in range(per_column)
            }
        )
    )
    for column in columns:
        found = [getattr(column, f"latest_{n}") for n in range(per_column)]
        column.latest_ids = [pk for pk in found if pk is not None]
    return columns


def month_bounds(year: int, month: int | None) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a year or month in the site's time zone."""
    zone = timezone.get_current_timezone()
    if month is None:
        start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    else:
        start = dt.datetime(year, month, 1)
        end = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def stale_listed_at():
    """Articles whose stored listed_at is not what save() would compute from
    its sources (ArticlePage.LISTED_AT_SOURCES): left behind by an .update()."""
    return ArticlePage.objects.annotate(
        expected_listed_at=Coalesce(
            "display_date", "first_published_at", "latest_revision_created_at"
        )
    ).filter(
        ~Q(listed_at=F("expected_listed_at"))
        | Q(listed_at__isnull=True, expected_listed_at__isnull=False)
        | Q(listed_at__isnull=False, expected_listed_at__isnull=True)
    )
