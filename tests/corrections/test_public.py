"""What readers see of corrections: under the article body, in its JSON-LD,
in the site's feeds, on /corrections/ and its feed, in the sitemap."""

import datetime as dt

import feedparser
from django.test import TestCase
from django.urls import reverse

from corrections.models import Kind
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory, site_settings
from tests.core.test_seo import json_ld
from tests.corrections.factories import PUBLISHED, CorrectionFactory, approved
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of


class PublicTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="青岚时评", slug="qinglan")
        cls.other = ColumnPageFactory(parent=home, title="民生观察", slug="minsheng")
        cls.article = ArticlePageFactory(
            parent=cls.column, title="把吐槽窗口办成回音壁", slug="tucao"
        )
        cls.plain = ArticlePageFactory(parent=cls.column, title="没有更正的文章")
        cls.approver = UserFactory(is_superuser=True)

    def correct(self, article=None, **fields):
        return approved(article or self.article, self.approver, **fields)


class UnderTheArticleTests(PublicTestCase):
    def test_corrections_show_under_the_body_newest_first_with_their_time(self):
        self.correct(text="第二段的日期应为11月27日。")
        self.correct(
            kind=Kind.UPDATE,
            text="市里已回应读者关切。",
            published_at=PUBLISHED + dt.timedelta(days=1),
        )
        CorrectionFactory(article=self.article, text="尚未审核的草稿")

        soup = soup_of(self.client.get(self.article.url))
        section = one(soup, "article .article__body + #corrections")
        items = [text_of(item) for item in section.select("li")]

        self.assertEqual(
            items,
            [
                "追记（2026年11月04日 10:20）：市里已回应读者关切。",
                "更正（2026年11月03日 10:20）：第二段的日期应为11月27日。",
            ],
        )
        self.assertNotIn("尚未审核的草稿", soup.get_text())

    def test_a_corrected_article_links_to_its_history(self):
        self.correct()
        soup = soup_of(self.client.get(self.article.url))
        link = one(soup, ".article__meta a.article__history-link")
        self.assertEqual(text_of(link), "查看修改记录")
        self.assertEqual(link["href"], "#corrections")
        self.assertIsNotNone(soup.select_one("#correction-1"))

    def test_an_article_without_corrections_shows_nothing_of_them(self):
        response = self.client.get(self.plain.url)
        html = response.content.decode()
        self.assertNotIn("修改记录", html)
        self.assertNotIn("corrections", html)
        data = json_ld(soup_of(response), "OpinionNewsArticle")
        self.assertNotIn("correction", data)

    def test_corrections_are_in_the_articles_json_ld(self):
        self.correct(text="第二段的日期应为11月27日。")
        data = json_ld(soup_of(self.client.get(self.article.url)), "OpinionNewsArticle")
        self.assertEqual(
            data["correction"],
            [
                {
                    "@type": "CorrectionComment",
                    "name": "更正",
                    "text": "第二段的日期应为11月27日。",
                    "datePublished": "2026-11-03T10:20:00+08:00",
                }
            ],
        )
        self.assertGreaterEqual(data["dateModified"], "2026-11-03T10:20:00+08:00")


class SiteFeedTests(PublicTestCase):
    def entry(self, url, title):
        feed = feedparser.parse(self.client.get(url).content)
        return next(item for item in feed.entries if item.title == title)

    def test_rss_description_begins_with_the_correction(self):
        self.correct(text="第二段的日期应为11月27日。")
        entry = self.entry(reverse("feeds:site_rss"), self.article.title)
        self.assertTrue(
            entry.description.startswith(
                "更正（2026年11月03日 10:20）：第二段的日期应为11月27日。"
            ),
            entry.description,
        )

    def test_full_text_rss_begins_with_the_correction_as_a_paragraph(self):
        site_settings(feed_full_text=True)
        self.correct(text="第二段的日期应为11月27日。")
        entry = self.entry(reverse("feeds:site_rss"), self.article.title)
        self.assertTrue(
            entry.description.startswith(
                '<p class="correction">更正（2026年11月03日 10:20）：第二段的日期'
            ),
            entry.description,
        )

    def test_atom_updated_is_the_newest_public_correction(self):
        newest = PUBLISHED + dt.timedelta(days=400)
        self.correct(published_at=newest)
        entry = self.entry(reverse("feeds:site_atom"), self.article.title)
        self.assertEqual(dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC), newest)

    def test_items_without_corrections_are_unchanged(self):
        self.correct()
        entry = self.entry(reverse("feeds:site_rss"), self.plain.title)
        self.assertNotIn("更正", entry.get("description", ""))


class CorrectionsPageTests(PublicTestCase):
    def test_lists_every_public_correction_newest_first_with_article_links(self):
        self.correct(text="旧的更正")
        elsewhere = ArticlePageFactory(parent=self.other, title="另一栏目的文章")
        self.correct(
            elsewhere, text="新的更正", published_at=PUBLISHED + dt.timedelta(hours=1)
        )
        CorrectionFactory(article=self.plain, text="草稿不公开")

        soup = soup_of(self.client.get("/corrections/"))
        items = soup.select(".corrections-page__item")

        self.assertEqual(len(items), 2)
        self.assertIn("新的更正", text_of(items[0]))
        self.assertIn("旧的更正", text_of(items[1]))
        self.assertEqual(
            items[1].select_one("a")["href"], f"{self.article.url}#correction-1"
        )
        self.assertNotIn("草稿不公开", soup.get_text())

    def test_a_columns_page_lists_only_its_corrections(self):
        self.correct(text="本栏目的更正")
        elsewhere = ArticlePageFactory(parent=self.other)
        self.correct(elsewhere, text="别的栏目的更正")
        text = soup_of(self.client.get("/corrections/qinglan/")).get_text()
        self.assertIn("本栏目的更正", text)
        self.assertNotIn("别的栏目的更正", text)
        self.assertEqual(self.client.get("/corrections/no-such/").status_code, 404)

    def test_corrections_of_articles_readers_cannot_read_are_not_listed(self):
        self.correct(text="下线文章的更正")
        self.article.unpublish()
        self.assertNotIn(
            "下线文章的更正", self.client.get("/corrections/").content.decode()
        )

    def test_paginated_and_a_page_past_the_end_is_404(self):
        for n in range(21):
            self.correct(self.plain, published_at=PUBLISHED + dt.timedelta(minutes=n))
        second = self.client.get("/corrections/", {"page": 2})
        self.assertEqual(len(soup_of(second).select(".corrections-page__item")), 1)
        self.assertEqual(self.client.get("/corrections/", {"page": 3}).status_code, 404)
        self.assertEqual(
            self.client.get("/corrections/", {"page": "x"}).status_code, 404
        )

    def test_empty_page_says_so(self):
        response = self.client.get("/corrections/")
        self.assertContains(response, "暂无更正与追记")

    def test_its_rss_feed_lists_the_corrections(self):
        self.correct(text="第二段的日期应为11月27日。")
        response = self.client.get(reverse("corrections:rss"))
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo)
        self.assertEqual(
            [entry.title for entry in feed.entries], ["更正:把吐槽窗口办成回音壁"]
        )
        self.assertIn("第二段的日期应为11月27日。", feed.entries[0].description)
        self.assertTrue(feed.entries[0].link.endswith("/qinglan/tucao/#correction-1"))
        column_feed = self.client.get(
            reverse("corrections:column_rss", args=["qinglan"])
        )
        self.assertEqual(len(feedparser.parse(column_feed.content).entries), 1)

    def test_the_page_names_its_feed(self):
        soup = soup_of(self.client.get("/corrections/"))
        link = soup.select_one('link[rel="alternate"][href="/corrections/rss.xml"]')
        self.assertIsNotNone(link)


class SitemapTests(PublicTestCase):
    def test_corrections_pages_join_the_sitemap_once_there_is_one(self):
        before = self.client.get("/sitemap.xml")
        self.assertNotIn("/corrections/", before.content.decode())
        self.assertTrue(before.has_header("Last-Modified"))

        self.correct()

        after = self.client.get("/sitemap.xml").content.decode()
        self.assertIn("<loc>http://testserver/corrections/</loc>", after)
        self.assertIn("<loc>http://testserver/corrections/qinglan/</loc>", after)
        self.assertNotIn("/corrections/minsheng/", after)
