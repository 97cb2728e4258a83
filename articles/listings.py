"""Article lists that keep their query count flat however many items they show."""

import datetime as dt

from django.db.models import Q
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


def latest_ids_per_column(articles, columns, per_column: int) -> dict[int, list[int]]:
    """{column pk: [article pks, newest first]} in one query for all columns;
    `articles` is an already live and public queryset. Each column's newest
    are a LIMIT subquery read from the listed_at index, so the cost does not
    grow with the archive."""
    columns = list(columns)
    if not columns:
        return {}
    newest = Q()
    for column in columns:
        column_newest = (
            articles.child_of(column)
            .with_sort_date()
            .order_by("-sort_date", "-pk")
            .values("pk")[:per_column]
        )
        newest |= Q(pk__in=column_newest)
    rows = (
        articles.filter(newest)
        .with_sort_date()
        .order_by("-sort_date", "-pk")
        .values_list("path", "pk")
    )
    # Every column sits at the same depth, so its path is a fixed-length prefix.
    prefix_length = len(columns[0].path)
    by_path = {column.path: column.pk for column in columns}
    result: dict[int, list[int]] = {pk: [] for pk in by_path.values()}
    for path, pk in rows:
        result[by_path[path[:prefix_length]]].append(pk)
    return result


def month_bounds(year: int, month: int | None) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a year or month in the site's time zone."""
    zone = timezone.get_current_timezone()
    if month is None:
        start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    else:
        start = dt.datetime(year, month, 1)
        end = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)
