"""The articles the search page searches: relevance ranked within a bounded
pool of the newest matches.

Ranking reads every candidate's whole index vector, so ranking all matches
of a common word grows with the archive (seconds at 100,000 articles). The
newest RANKED_POOL matches are found first, newest first through the
listed_at index, without reading the vectors; only they are ranked, on ids
alone, and the page of results is then fetched with what a list item shows."""

from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage

RANKED_POOL = 500


class RankedPool:
    """The pool's matches, best first: sliceable and counted (by the
    paginator) without another query."""

    def __init__(self, results, size: int, truncated: bool):
        self.results = results
        self.size = size
        self.truncated = truncated  # more articles match than the pool holds

    def count(self) -> int:
        return self.size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, key):
        return self.results[key]


def search_articles(query: str, pool: int | None = None) -> RankedPool:
    """Live, public articles matching query, best first; withdrawn ones
    (retracted, taken down) are not found."""
    pool = pool or RANKED_POOL
    readable = ArticlePage.objects.searchable().only("pk")
    newest = readable.order_by("-listed_at", "-id").search(
        query, operator="and", order_by_relevance=False
    )
    ids = matching_ids(newest[: pool + 1])
    truncated = len(ids) > pool
    ids = ids[:pool]
    # The ids are readable matches: the ranking query reads only them.
    pool_rows = ArticlePage.objects.filter(id__in=ids).only("pk")
    ranked = get_search_backend().rank(pool_rows, query, operator="and")
    return RankedPool(ranked, len(ids), truncated)


def matching_ids(results) -> list[int]:
    """The ids of (sliced) search results, reading nothing else: the database
    backends' own queryset would also select each match's index vector."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:  # a search server's hits carry little more
        return [hit.pk for hit in results]
    return list(get_queryset().values_list("pk", flat=True))


def for_listing(results) -> list[ArticlePage]:
    """The given (sliced) results as full list items, in the same order."""
    ids = [article.pk for article in results]
    # Already readable: the search said so a moment ago.
    by_id = ArticlePage.objects.filter(pk__in=ids).for_listing().in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]
