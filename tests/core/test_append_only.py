"""core's append-only rows (AppendOnlyModel, the AppendOnlyTrigger migration
operation), tried on the one model that uses them so far, the record's
Entry: no code path updates a row or deletes one within its retention; on
PostgreSQL the database refuses too, whoever asks."""

import datetime as dt

import pytest
from django.core.checks import run_checks
from django.db import DatabaseError, connection, transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from core.migrations_ops import AppendOnlyTrigger
from core.models import AppendOnlyError
from record.models import Entry, Event

NOW = timezone.now()
OLD = NOW - dt.timedelta(days=400)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


def entry(page_id=1, sequence=1, event=Event.PUBLISH, created_at=None, **fields):
    """A row written straight (the hashes do not matter here)."""
    return Entry.objects.create(
        page_id=page_id,
        sequence=sequence,
        event=event,
        html="<article>原文</article>",
        metadata={"title": "原文"},
        content_sha256="c" * 64,
        entry_sha256=f"{page_id:032d}{sequence:032d}",
        created_at=created_at or NOW,
        **fields,
    )


def table() -> str:
    return connection.ops.quote_name(Entry._meta.db_table)


class PythonRefusalTests(TestCase):
    def test_a_stored_row_cannot_be_saved_again(self):
        row = entry()
        row.html = "<article>改过</article>"
        with self.assertRaises(AppendOnlyError):
            row.save()
        with self.assertRaises(AppendOnlyError):
            row.save(update_fields=["html"])
        row.refresh_from_db()
        self.assertEqual(row.html, "<article>原文</article>")

    def test_no_queryset_update_or_delete(self):
        entry()
        with self.assertRaises(AppendOnlyError):
            Entry.objects.update(html="")
        with self.assertRaises(AppendOnlyError):
            Entry.objects.filter(page_id=1).delete()
        with self.assertRaises(AppendOnlyError):
            Entry.objects.bulk_update(list(Entry.objects.all()), ["html"])
        self.assertEqual(Entry.objects.get().html, "<article>原文</article>")

    def test_no_model_delete(self):
        row = entry()
        with self.assertRaises(AppendOnlyError):
            row.delete()
        self.assertTrue(Entry.objects.filter(pk=row.pk).exists())

    def test_new_rows_are_inserted_never_written_over(self):
        row = entry()
        copy = Entry(
            **{f.attname: getattr(row, f.attname) for f in Entry._meta.concrete_fields}
        )
        with self.assertRaises(DatabaseError), transaction.atomic():
            copy.save()  # the same id: an INSERT that fails, never an UPDATE


class RetentionTests(TestCase):
    def test_a_chain_is_kept_while_its_newest_row_says_so(self):
        entry(1, 1, created_at=OLD)
        entry(1, 2, Event.RETRACT, created_at=OLD + dt.timedelta(days=1))
        entry(2, 1, created_at=OLD)  # still shown: kept
        expired = set(Entry.objects.expired().values_list("page_id", "sequence"))
        self.assertEqual(expired, {(1, 1), (1, 2)})

    def test_nothing_younger_than_the_retention_goes(self):
        young = NOW - dt.timedelta(days=100)
        entry(1, 1, created_at=young)
        entry(1, 2, Event.TAKE_DOWN, created_at=young)
        self.assertFalse(Entry.objects.expired().exists())

    def test_a_later_event_keeps_the_chain_again(self):
        entry(1, 1, created_at=OLD)
        entry(1, 2, Event.RETRACT, created_at=OLD)
        entry(1, 3, Event.RESTORE, created_at=OLD + dt.timedelta(days=2))
        self.assertFalse(Entry.objects.expired().exists())

    @override_settings(RECORD_RETENTION_DAYS=500)
    def test_a_longer_retention_keeps_rows_longer(self):
        entry(1, 1, created_at=OLD)
        entry(1, 2, Event.RETRACT, created_at=OLD)
        self.assertFalse(Entry.objects.expired().exists())

    def test_delete_expired_removes_only_what_expired(self):
        entry(1, 1, created_at=OLD)
        entry(1, 2, Event.RETRACT, created_at=OLD)
        entry(2, 1, created_at=OLD)
        self.assertEqual(Entry.objects.delete_expired(), 2)
        self.assertEqual(list(Entry.objects.values_list("page_id", flat=True)), [2])

    def test_the_retention_cannot_be_set_below_six_months(self):
        with override_settings(RECORD_RETENTION_DAYS=90):
            errors = [e.id for e in run_checks() if e.id == "record.E001"]
        self.assertEqual(errors, ["record.E001"])
        with override_settings(RECORD_RETENTION_DAYS=183):
            self.assertNotIn("record.E001", [e.id for e in run_checks()])


@postgresql_only
class TriggerTests(TestCase):
    def raw(self, sql, params=()):
        """Raw SQL on the record's table ({table} in sql)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql.format(table=table()), params)
            return cursor.rowcount

    def test_the_database_refuses_an_update(self):
        row = entry()
        with self.assertRaisesMessage(DatabaseError, "append-only"):
            self.raw("UPDATE {table} SET html = 'forged' WHERE id = %s", [row.pk])
        row.refresh_from_db()
        self.assertEqual(row.html, "<article>原文</article>")

    def test_the_database_refuses_deleting_a_young_row(self):
        row = entry(1, 1)
        entry(1, 2, Event.RETRACT)
        with self.assertRaisesMessage(DatabaseError, "retention"):
            self.raw("DELETE FROM {table} WHERE id = %s", [row.pk])
        self.assertTrue(Entry.objects.filter(pk=row.pk).exists())

    def test_the_database_refuses_deleting_a_chain_still_shown(self):
        entry(1, 1, created_at=OLD)  # old, but the article is still up
        with self.assertRaisesMessage(DatabaseError, "retention"):
            self.raw("DELETE FROM {table} WHERE page_id = 1")

    def test_the_database_lets_an_expired_chain_go_in_any_order(self):
        entry(1, 1, created_at=OLD)
        entry(1, 2, Event.RETRACT, created_at=OLD)
        removed = self.raw("DELETE FROM {table} WHERE page_id = 1")
        self.assertEqual(removed, 2)

    def test_the_operation_removes_and_reinstalls_its_trigger(self):
        operation = AppendOnlyTrigger("entry", group_by="page_id", min_age_days=183)
        with transaction.atomic(), connection.schema_editor() as editor:
            for sql in operation.remove_sql(Entry, editor.quote_name):
                editor.execute(sql, None)
            row = entry()
            self.raw("UPDATE {table} SET html = 'x' WHERE id = %s", [row.pk])
            for sql in operation.install_sql(Entry, editor.quote_name):
                editor.execute(sql, None)
            with self.assertRaises(DatabaseError):
                self.raw("UPDATE {table} SET html = 'y' WHERE id = %s", [row.pk])
