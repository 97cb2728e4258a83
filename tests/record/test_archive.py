"""Every publication of an article, and every event another app archives,
stores what a reader is shown of the article itself, chained by hashes."""

from unittest import mock

from django.http import Http404
from django.test import TestCase
from wagtail.log_actions import LogContext

from record import chain
from record.archive import archive
from record.models import Entry, Event
from record.render import article_element
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
    SourceFactory,
)
from tests.core.factories import UserFactory, site_settings
from tests.home.factories import get_home_page
from tests.html import soup_of


class RecordTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(
            parent=home,
            title="青岚时评",
            slug="qinglan",
            default_disclaimer="仅代表作者观点。",
        )
        site_settings(default_source=SourceFactory(name="青岚新闻网"))
        cls.author = AuthorFactory(name="陈鑫远")
        cls.editor = UserFactory(last_name="周", first_name="明哲")
        cls.article = ArticlePageFactory(
            parent=cls.column,
            title="开好吐槽窗",
            slug="tucao",
            kicker="【地评线】",
            bylines=[("记者", cls.author)],
            tags=["民生"],
            responsible_editor=cls.editor,
        )
        cls.related = ArticlePageFactory(parent=cls.column, title="相关的文章")

    def publish(self, page, user=None, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with LogContext(user=user):
            page.save_revision(user=user).publish()
        return Entry.objects.filter(page_id=page.pk).order_by("sequence").last()


class PublicationTests(RecordTestCase):
    def test_publishing_archives_the_article_element_as_readers_get_it(self):
        entry = self.publish(self.article, self.editor)

        page_html = self.client.get(self.article.url, HTTP_HOST="localhost").content
        page_html = page_html.decode()
        self.assertEqual(entry.html, article_element(page_html))
        self.assertTrue(entry.html.startswith('<article class="article">'))
        self.assertTrue(entry.html.endswith("</article>"))
        article = soup_of(entry.html)
        for shown in ("【地评线】", "开好吐槽窗", "来源：青岚新闻网", "陈鑫远"):
            self.assertIn(shown, article.get_text())
        self.assertIn("仅代表作者观点。", article.get_text())
        self.assertIn("责任编辑：周明哲", article.get_text())
        # Not the article: comments and related reading.
        self.assertIsNone(article.select_one("#feedback"))
        self.assertNotIn("相关阅读", entry.html)
        self.assertEqual(entry.status, 200)

    def test_the_entry_says_who_published_when_and_which_revision(self):
        entry = self.publish(self.article, self.editor)
        self.article.refresh_from_db()
        self.assertEqual(entry.event, Event.PUBLISH)
        self.assertEqual(entry.sequence, 1)
        self.assertEqual((entry.user_id, entry.user_name), (self.editor.pk, "周明哲"))
        self.assertEqual(entry.revision_id, self.article.live_revision_id)
        self.assertIsNone(entry.retained_until)

    def test_scheduled_publishing_is_archived_as_the_system(self):
        entry = self.publish(self.article, None)
        self.assertEqual((entry.user_id, entry.user_name), (None, "系统"))

    def test_metadata_holds_what_readers_read(self):
        entry = self.publish(self.article, self.editor)
        data = entry.metadata
        self.assertEqual(data["title"], "开好吐槽窗")
        self.assertEqual(data["kicker"], "【地评线】")
        self.assertEqual(data["column"], "青岚时评")
        self.assertEqual(data["source"], "青岚新闻网")
        self.assertEqual(data["bylines"], ["记者 陈鑫远"])
        self.assertEqual(data["body"], ["正文段落。"])
        self.assertEqual(data["disclaimer"], "仅代表作者观点。")
        self.assertEqual(data["responsible_editor"], "周明哲")
        self.assertEqual(data["tags"], ["民生"])
        self.assertEqual(data["url"], "http://localhost/qinglan/tucao/")

    def test_each_entry_is_chained_to_the_previous_one(self):
        first = self.publish(self.article, self.editor)
        second = self.publish(self.article, self.editor, title="开好吐槽窗(修订)")
        self.assertEqual(second.sequence, 2)
        self.assertEqual(second.previous_sha256, first.entry_sha256)
        self.assertEqual(first.previous_sha256, "")
        self.assertEqual(
            second.content_sha256, chain.content_hash(second.html, second.metadata)
        )
        self.assertEqual(second.entry_sha256, chain.entry_hash(second))
        self.assertIsNone(chain.verify_page([first, second]))

    def test_pages_other_than_articles_keep_no_record(self):
        with LogContext(user=self.editor):
            self.column.save_revision().publish()
        self.assertFalse(Entry.objects.filter(page_id=self.column.pk).exists())

    def test_a_failure_to_archive_does_not_stop_publishing(self):
        with (
            mock.patch(
                "record.signal_handlers.archive", side_effect=RuntimeError("boom")
            ),
            self.assertLogs("record.signal_handlers", "ERROR"),
        ):
            self.publish(self.article, self.editor, title="照样发布")
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "照样发布")
        self.assertTrue(self.article.live)


class ArchiveFunctionTests(RecordTestCase):
    """record.archive.archive: what other apps call for their events."""

    def test_an_ending_event_keeps_the_chain_for_the_retention(self):
        self.publish(self.article, self.editor)
        entry = archive(self.article, Event.RETRACT, self.editor)
        days = (entry.retained_until - entry.created_at).days
        self.assertEqual(days, 183)

    def test_a_page_readers_cannot_get_is_archived_as_such(self):
        with mock.patch.object(type(self.article), "serve", side_effect=Http404):
            entry = archive(self.article, Event.TAKE_DOWN, self.editor)
        self.assertEqual((entry.status, entry.html), (404, ""))
        self.assertEqual(entry.metadata["status"], 404)

    def test_an_unknown_event_is_refused(self):
        with self.assertRaises(ValueError):
            archive(self.article, "rewrite", self.editor)

    def test_the_record_outlives_the_page(self):
        self.publish(self.article, self.editor)
        page_id = self.article.pk
        self.article.delete()
        self.assertEqual(Entry.objects.filter(page_id=page_id).count(), 1)


class ElementTests(TestCase):
    def test_the_first_article_element_with_nested_ones(self):
        html = (
            "<main><p>x</p><article class='a'><article>inner</article>"
            "<p>tail</p></article><article>second</article></main>"
        )
        self.assertEqual(
            article_element(html),
            "<article class='a'><article>inner</article><p>tail</p></article>",
        )

    def test_no_article_element(self):
        self.assertEqual(article_element("<main>nothing</main>"), "")
