"""A GIN index on (title || body) of Wagtail's search index table.

Wagtail's PostgreSQL backend filters on that expression but only ships
indexes on each column alone, so every search scanned the table. Built
CONCURRENTLY (hence a non-atomic migration) so a live site keeps writing.
Nothing to do on other databases."""

from django.db import migrations

INDEX_NAME = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX_NAME} "
        "ON wagtailsearch_indexentry USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
