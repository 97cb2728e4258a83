"""manage.py verify_record: intact chains pass; a row changed behind the
site's back (raw SQL; on PostgreSQL its owner must first switch the trigger
off) is found, and the first break is named; live versions the record
missed are listed, and archived with --archive-missing."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

from record import chain
from record.models import Entry
from tests.articles.factories import ArticlePageFactory
from tests.record.test_archive import RecordTestCase


def tamper(sql, params):
    """Change stored rows as someone with database access could."""
    table = connection.ops.quote_name(Entry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(sql.format(table=table), params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def verify(*args) -> str:
    out = StringIO()
    call_command("verify_record", *args, stdout=out, stderr=out)
    return out.getvalue()


class VerifyRecordTests(RecordTestCase):
    def setUp(self):
        self.entries = [
            self.publish(self.article, self.editor, title=title)
            for title in ("开好吐槽窗", "开好吐槽窗(一)", "开好吐槽窗(二)")
        ]
        self.publish(self.related, self.editor)

    def test_an_intact_record_passes(self):
        self.assertIn("4 entries of 2 pages: every chain is intact", verify())

    def test_a_changed_page_content_is_found(self):
        second = self.entries[1]
        tamper(
            "UPDATE {table} SET html = replace(html, %s, %s) WHERE id = %s",
            ["开好吐槽窗", "关掉吐槽窗", second.pk],
        )
        with self.assertRaisesMessage(
            CommandError, f"entry #2 (id {second.pk}): the content does not match"
        ):
            verify()

    def test_content_rewritten_with_its_hash_breaks_the_entry_hash(self):
        second = Entry.objects.get(pk=self.entries[1].pk)
        forged = second.html.replace("开好吐槽窗", "关掉吐槽窗")
        tamper(
            "UPDATE {table} SET html = %s, content_sha256 = %s WHERE id = %s",
            [forged, chain.content_hash(forged, second.metadata), second.pk],
        )
        with self.assertRaisesMessage(CommandError, "entry #2"):
            verify()

    def test_a_removed_entry_is_found(self):
        tamper("DELETE FROM {table} WHERE id = %s", [self.entries[1].pk])
        with self.assertRaisesMessage(CommandError, "entry #2 is missing"):
            verify()

    def test_a_missed_publication_is_listed_then_archived_on_request(self):
        # Live without the record hearing of it (installed on an existing
        # site, or archiving failed).
        missed = ArticlePageFactory(parent=self.column, title="漏存的文章")
        with self.assertRaisesMessage(CommandError, "1 live pages have no entry"):
            verify()
        self.assertIn("Archived 1 live pages", verify("--archive-missing"))
        self.assertEqual(Entry.objects.get(page_id=missed.pk).title, "漏存的文章")
        self.assertIn("every chain is intact", verify())
