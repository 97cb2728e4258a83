"""Planner statistics after a bulk load.

A table filled in bulk (generate_articles, generate_feedback, restore_site)
has no statistics until ANALYZE runs, and PostgreSQL's planner then sorts
whole tables where an index would do: the search benchmark measured 3.5-8.1 s
a query on a fresh 100,000-article database, 55-122 ms after ANALYZE.
Autovacuum gets there eventually (keep it on: docs/deploy.md); these
commands do not leave it to chance and end with ANALYZE of what they filled."""

from django.db import connections


def analyze(models=(), tables=(), using: str = "default") -> list[str]:
    """ANALYZE these models' tables (and the named tables that exist), or the
    whole database if neither is given; the tables analysed, "*" for all."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    names = [model._meta.db_table for model in models]
    names += [name for name in tables if name in existing]
    with connection.cursor() as cursor:
        if not names:
            cursor.execute("ANALYZE")
            return ["*"]
        for name in dict.fromkeys(names):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
    return list(dict.fromkeys(names))
