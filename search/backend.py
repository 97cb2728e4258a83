"""The search backend named in WAGTAILSEARCH_BACKENDS: the database backend
Wagtail would pick for this database (SQLite FTS5, PostgreSQL, …), with
Chinese queries rewritten for the segmented index.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}

Optional "WRAPPED" names another backend module to wrap."""

from functools import cache

from django.db.models import FloatField, Func
from wagtail.search.backends import import_backend
from wagtail.search.backends.base import EmptySearchResults
from wagtail.search.query import PlainText

from search.query import is_empty, rewrite_autocomplete, rewrite_search

DEFAULT_WRAPPED = "wagtail.search.backends.database"


class ChineseQueryMixin:
    def _prepare(self, query, operator, rewrite, compiler):
        default_operator = operator or compiler.DEFAULT_OPERATOR
        if isinstance(query, str):
            query = PlainText(query, operator=default_operator)
        return rewrite(query, default_operator)

    def search(self, query, model_or_queryset, fields=None, operator=None, **kwargs):
        compiler = self.query_compiler_class
        query = self._prepare(query, operator, rewrite_search, compiler)
        if is_empty(query):
            return EmptySearchResults()
        return super().search(query, model_or_queryset, fields=fields, **kwargs)

    def autocomplete(
        self, query, model_or_queryset, fields=None, operator=None, **kwargs
    ):
        compiler = self.autocomplete_query_compiler_class
        query = self._prepare(query, operator, rewrite_autocomplete, compiler)
        if is_empty(query):
            return EmptySearchResults()
        return super().autocomplete(query, model_or_queryset, fields=fields, **kwargs)

    def rank(self, queryset, query, operator=None):
        """queryset ordered by relevance to query, for rows already known to
        match it (search/articles.py). On PostgreSQL the match is not tested
        again: that test reads the vector of every match in the archive
        when the planner starts from the GIN index. SQLite's FTS5 ranks only
        inside a match, so there it is a search."""
        compiler_class = self.query_compiler_class
        if not hasattr(compiler_class, "ranked"):
            return self.search(query, queryset, operator=operator)
        rewritten = self._prepare(query, operator, rewrite_search, compiler_class)
        compiler = compiler_class(queryset, rewritten)
        return compiler.ranked(compiler.get_config(self))


class TitleWeightedBM25(Func):
    """SQLite's rank: FTS5 bm25() with a title match worth ten body matches.
    Wagtail's own expression weighs the columns alike, so a word in a long
    body could outrank the same word in a title. Columns are declared
    (autocomplete, body, title) by Wagtail's migration."""

    output_field = FloatField()
    weights = {"autocomplete": 0.0, "body": 1.0, "title": 10.0}

    def as_sql(self, compiler, connection, **extra_context):
        from wagtail.search.models import SQLiteFTSIndexEntry

        weights = ", ".join(str(weight) for weight in self.weights.values())
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


def _sqlite_compiler(base: type) -> type:
    class TitleWeightedCompiler(base):
        def _build_rank_expression(self, vectors, config):
            return TitleWeightedBM25()

    return TitleWeightedCompiler


def _postgres_compiler(base: type) -> type:
    class RankingCompiler(base):
        def ranked(self, config):
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.get_search_vectors(search_query)
            rank = self._build_rank_expression(vectors, config)
            return self.queryset.order_by(rank.desc(), "-pk")

    return RankingCompiler


@cache
def _chinese_backend_class(base: type) -> type:
    attrs = {"__module__": __name__, "__doc__": base.__doc__}
    # Compared by name: the SQLite module cannot be imported on PostgreSQL.
    if any(cls.__name__ == "SQLiteSearchBackend" for cls in base.__mro__):
        attrs["query_compiler_class"] = _sqlite_compiler(base.query_compiler_class)
    if any(cls.__name__ == "PostgresSearchBackend" for cls in base.__mro__):
        attrs["query_compiler_class"] = _postgres_compiler(base.query_compiler_class)
    return type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), attrs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a module
    params = dict(params)
    wrapped = params.pop("WRAPPED", DEFAULT_WRAPPED)
    # The database module picks its class by connection vendor when called.
    base = type(import_backend(wrapped)(dict(params)))
    return _chinese_backend_class(base)(params)
