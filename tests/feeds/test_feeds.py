import datetime as dt

import feedparser
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from feeds.feeds import ITEM_COUNT
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.core.factories import NewsImageFactory, site_settings
from tests.core.test_seo import json_ld
from tests.home.factories import get_home_page
from tests.html import soup_of

START = dt.datetime(2026, 4, 1, 0, 0, tzinfo=dt.UTC)
FEEDS = {
    "site": ("/feeds/rss.xml", "/feeds/atom.xml"),
    "column": ("/feeds/columns/qinglan/rss.xml", "/feeds/columns/qinglan/atom.xml"),
    "author": (
        "/feeds/authors/lin-zhiyuan/rss.xml",
        "/feeds/authors/lin-zhiyuan/atom.xml",
    ),
}


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        cls.column = ColumnPageFactory(parent=home, title="青岚时评", slug="qinglan")
        other = ColumnPageFactory(parent=home, title="民生观察")
        cls.author = AuthorFactory(name="林致远", slug="lin-zhiyuan")
        for n in range(ITEM_COUNT + 3):
            ArticlePageFactory(
                parent=cls.column if n % 2 else other,
                title=f"文章{n}",
                standfirst=f"导语{n}",
                first_published_at=START + dt.timedelta(hours=n),
                body=[
                    ("paragraph", RichText(f"<p>正文第{n}段<b>加粗</b></p>")),
                    ("quote", {"text": "不积跬步", "attribution": "荀子"}),
                    ("list", {"ordered": True, "items": ["受理", "办理"]}),
                ],
                bylines=[("评论员", cls.author)] if n % 3 == 0 else [],
                tags=["民生"],
            )
        ArticlePageFactory(parent=cls.column, title="草稿", live=False)
        make_private(ArticlePageFactory(parent=cls.column, title="私密"))

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, f"{url}: {feed.get('bozo_exception')}")
        return response, feed

    def test_every_feed_is_well_formed_rss_or_atom(self):
        for scope, (rss, atom) in FEEDS.items():
            with self.subTest(scope=scope):
                response, feed = self.parse(rss)
                self.assertEqual(feed.version, "rss20")
                self.assertIn("application/rss+xml", response["Content-Type"])
                response, feed = self.parse(atom)
                self.assertEqual(feed.version, "atom10")

    def test_site_feed_has_newest_live_public_articles_first(self):
        _, feed = self.parse("/feeds/rss.xml")
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(len(titles), ITEM_COUNT)
        self.assertEqual(titles[:2], [f"文章{ITEM_COUNT + 2}", f"文章{ITEM_COUNT + 1}"])
        self.assertNotIn("草稿", titles)
        self.assertNotIn("私密", titles)

    def test_entries_carry_link_date_author_and_tags(self):
        _, feed = self.parse("/feeds/atom.xml")
        entry = next(e for e in feed.entries if e.title == "文章21")
        self.assertTrue(entry.link.startswith("http://testserver/"))
        self.assertTrue(entry.link.endswith("/"))
        self.assertEqual(entry.author, "林致远")
        self.assertEqual(entry.published, "2026-04-01T21:00:00+00:00")
        self.assertEqual([tag.term for tag in entry.tags], ["民生"])

    def test_column_and_author_feeds_hold_only_their_articles(self):
        _, column_feed = self.parse(FEEDS["column"][0])
        self.assertTrue(column_feed.entries)
        self.assertTrue(all(int(e.title[2:]) % 2 for e in column_feed.entries))
        self.assertIn("青岚时评", column_feed.feed.title)
        _, author_feed = self.parse(FEEDS["author"][1])
        self.assertTrue(all(int(e.title[2:]) % 3 == 0 for e in author_feed.entries))
        self.assertEqual(
            author_feed.feed.link, "http://testserver/authors/lin-zhiyuan/"
        )

    def test_summary_by_default(self):
        _, feed = self.parse("/feeds/rss.xml")
        self.assertEqual(feed.entries[0].summary, f"导语{ITEM_COUNT + 2}")

    def test_full_text_when_the_site_setting_asks_for_it(self):
        site_settings(feed_full_text=True)
        _, feed = self.parse("/feeds/rss.xml")
        summary = feed.entries[0].summary
        self.assertIn(f"正文第{ITEM_COUNT + 2}段<b>加粗</b>", summary)
        self.assertIn(
            "<blockquote><p>不积跬步</p><footer>荀子</footer></blockquote>", summary
        )
        self.assertIn("<ol><li>受理</li><li>办理</li></ol>", summary)

    def test_unknown_column_or_author_is_not_found(self):
        for url in ("/feeds/columns/nope/rss.xml", "/feeds/authors/nobody/atom.xml"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_query_count_is_within_budget(self):
        for url in (FEEDS["site"][0], FEEDS["column"][1], FEEDS["author"][0]):
            self.client.get(url)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            with self.subTest(url=url):
                self.assertLessEqual(len(queries), 8)


class FeedItemTests(TestCase):
    """Lead image enclosures, excerpts, one author per byline, the page's dates."""

    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        column = ColumnPageFactory(parent=home, slug="qinglan")
        cls.first = AuthorFactory(name="林致远", slug="lin-zhiyuan")
        cls.second = AuthorFactory(name="宋一民", slug="song-yimin")
        cls.article = ArticlePageFactory(
            parent=column,
            title="有题图、两位作者、没有导语",
            slug="pictured",
            standfirst="",
            first_published_at=START,
            lead_image=NewsImageFactory(file__width=1600, file__height=900),
            body=[
                ("paragraph", RichText("<p>第一段。</p>")),
                ("paragraph", RichText("<p>第二段。</p>")),
            ],
            bylines=[("评论员", cls.first), ("记者", cls.second)],
        )

    def parse(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, f"{url}: {feed.get('bozo_exception')}")
        return response.content.decode(), feed.entries[0]

    def test_lead_image_is_an_enclosure_with_length_and_type(self):
        for url in FEEDS["site"]:
            with self.subTest(url=url):
                _, entry = self.parse(url)
                (enclosure,) = entry.enclosures
                self.assertEqual(enclosure.type, "image/jpeg")
                self.assertGreater(int(enclosure.length), 0)
                self.assertRegex(enclosure.href, r"^http://testserver/.+\.jpg$")
                image = self.client.get(
                    enclosure.href.removeprefix("http://testserver")
                )
                self.assertEqual(image.status_code, 200)

    def test_atom_links_the_image_as_rel_enclosure(self):
        _, entry = self.parse(FEEDS["site"][1])
        (link,) = [link for link in entry.links if link.rel == "enclosure"]
        self.assertRegex(link.href, r"^http://testserver/.+\.jpg$")
        self.assertRegex(link.length, r"^[1-9]\d*$")
        self.assertEqual(link.type, "image/jpeg")

    def test_an_article_without_standfirst_has_an_excerpt(self):
        for url in FEEDS["site"]:
            with self.subTest(url=url):
                _, entry = self.parse(url)
                self.assertEqual(entry.summary, "第一段。第二段。")

    def test_one_author_element_per_byline_with_name_and_uri(self):
        _, entry = self.parse(FEEDS["site"][1])
        self.assertEqual(
            [(author.name, author.href) for author in entry.authors],
            [
                ("林致远", "http://testserver/authors/lin-zhiyuan/"),
                ("宋一民", "http://testserver/authors/song-yimin/"),
            ],
        )
        xml, _ = self.parse(FEEDS["site"][0])
        self.assertEqual(xml.count("<dc:creator>"), 2)
        self.assertIn("<dc:creator>宋一民</dc:creator>", xml)

    def test_dates_are_the_article_pages(self):
        page = soup_of(self.client.get("/qinglan/pictured/"))
        data = json_ld(page, "OpinionNewsArticle")
        _, entry = self.parse(FEEDS["site"][1])
        published = dt.datetime.fromisoformat(entry.published)
        updated = dt.datetime.fromisoformat(entry.updated)
        self.assertEqual(published, dt.datetime.fromisoformat(data["datePublished"]))
        self.assertEqual(updated, dt.datetime.fromisoformat(data["dateModified"]))
        shown = page.select_one("time.article__date")
        self.assertEqual(dt.datetime.fromisoformat(shown["datetime"]), published)
