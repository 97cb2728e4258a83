"""The articles the search page searches, ranked on narrow rows.

Ranking sorts every match: with whole page rows (bodies included) a common
word at 100,000 articles spilled the sort to disk. The search runs on ids
only; the page of results is then fetched with what a list item shows."""

from articles.models import ArticlePage


def search_articles(query: str):
    """Live, public articles matching query, best first (SearchResults)."""
    # Wagtail's public(): the search backends accept its filter.
    candidates = ArticlePage.objects.live().public().only("pk")
    return candidates.search(query, operator="and")


def for_listing(results) -> list[ArticlePage]:
    """The given (sliced) results as full list items, in the same order."""
    ids = [article.pk for article in results]
    # Already live and public: the search said so a moment ago.
    by_id = ArticlePage.objects.filter(pk__in=ids).for_listing().in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]
