import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from home.models import LATEST_COUNT, PER_COLUMN_COUNT
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
    make_private,
)
from tests.core.factories import NewsImageFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of


def day(n: int) -> dt.datetime:
    return dt.datetime(2026, 3, 1, 2, 0, tzinfo=dt.UTC) + dt.timedelta(days=n)


class FrontPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.column = ColumnPageFactory(
            parent=cls.home, title="青岚时评", default_kicker="【岚声】"
        )
        cls.other = ColumnPageFactory(parent=cls.home, title="民生观察")
        cls.author = AuthorFactory(name="林致远")
        cls.pick = ArticlePageFactory(
            parent=cls.column,
            title="编辑选定的头条",
            first_published_at=day(1),
            bylines=[("评论员", cls.author)],
        )
        cls.articles = [
            ArticlePageFactory(
                parent=cls.column if n % 2 else cls.other,
                title=f"第{n}篇",
                standfirst=f"第{n}篇的导语",
                first_published_at=day(10 + n),
            )
            for n in range(15)
        ]
        cls.newest = ArticlePageFactory(
            parent=cls.other,
            title="最新的一篇",
            kicker="【快评】",
            first_published_at=day(40),
            bylines=[("记者", cls.author)],
        )
        cls.draft = ArticlePageFactory(
            parent=cls.column, title="草稿", live=False, first_published_at=day(50)
        )
        cls.private = ArticlePageFactory(
            parent=cls.column, title="私密文章", first_published_at=day(51)
        )
        make_private(cls.private)

    def get_soup(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return soup_of(response)

    def latest_titles(self, soup):
        section = one(soup, ".home__latest")
        return [text_of(a) for a in section.select(".article-list-item__title")]

    def test_lead_story_falls_back_to_the_newest_article(self):
        soup = self.get_soup()
        self.assertEqual(text_of(one(soup, ".lead-story__title")), "最新的一篇")

    def test_lead_story_prefers_the_newest_article_with_a_lead_image(self):
        pictured = self.articles[12]
        pictured.lead_image = NewsImageFactory()
        pictured.save_revision().publish()
        soup = self.get_soup()
        self.assertEqual(text_of(one(soup, ".lead-story__title")), "第12篇")
        image = one(soup, ".lead-story__image img")
        self.assertEqual(image["fetchpriority"], "high")
        self.assertIn("最新的一篇", self.latest_titles(soup))

    def test_front_page_links_its_feeds(self):
        feeds = one(self.get_soup(), ".home__feeds")
        self.assertIn("订阅", text_of(feeds))
        self.assertEqual(
            [link["href"] for link in feeds.select("a")],
            ["/feeds/rss.xml", "/feeds/atom.xml"],
        )

    def test_editors_choice_is_the_lead_story_and_left_out_of_latest(self):
        self.home.lead_story = self.pick
        self.home.save_revision().publish()
        soup = self.get_soup()
        self.assertEqual(text_of(one(soup, ".lead-story__title")), "编辑选定的头条")
        self.assertNotIn("编辑选定的头条", self.latest_titles(soup))
        self.assertEqual(self.latest_titles(soup)[0], "最新的一篇")

    def test_unpublished_choice_falls_back_to_the_newest(self):
        self.home.lead_story = self.draft
        self.home.save_revision().publish()
        soup = self.get_soup()
        self.assertEqual(text_of(one(soup, ".lead-story__title")), "最新的一篇")

    def test_latest_list_is_newest_first_live_and_public_only(self):
        titles = self.latest_titles(self.get_soup())
        self.assertEqual(len(titles), LATEST_COUNT)
        self.assertEqual(titles[:3], ["第14篇", "第13篇", "第12篇"])
        self.assertNotIn("草稿", titles)
        self.assertNotIn("私密文章", titles)

    def test_each_column_shows_its_newest_pieces(self):
        soup = self.get_soup()
        sections = soup.select(".column-section")
        self.assertEqual(
            [text_of(section.select_one("h2")) for section in sections],
            ["青岚时评", "民生观察"],
        )
        first = [text_of(a) for a in sections[0].select(".article-list-item__title")]
        self.assertEqual(
            first, ["第13篇", "第11篇", "第9篇", "第7篇"][:PER_COLUMN_COUNT]
        )

    def test_list_items_show_kicker_title_standfirst_bylines_and_time(self):
        soup = self.get_soup()
        item = soup.select(".home__latest .article-list-item")[0]  # 第14篇, 民生观察
        self.assertEqual(text_of(one(item, ".article-list-item__title")), "第14篇")
        self.assertEqual(
            text_of(one(item, ".article-list-item__standfirst")), "第14篇的导语"
        )
        self.assertEqual(one(item, "time")["datetime"], "2026-03-25T10:00:00+08:00")
        column_item = soup.select(".home__latest .article-list-item")[1]  # 第13篇
        self.assertEqual(
            text_of(one(column_item, ".article-list-item__kicker")), "【岚声】"
        )
        lead = one(soup, ".lead-story")
        self.assertEqual(text_of(one(lead, ".lead-story__kicker")), "【快评】")
        self.assertIn("记者 林致远", text_of(lead))

    def test_query_count_does_not_grow_with_content(self):
        self.client.get("/")  # warm the site and rendition caches
        with CaptureQueriesContext(connection) as few:
            self.client.get("/")
        for n in range(10):
            ArticlePageFactory(
                parent=self.column,
                first_published_at=day(60 + n),
                bylines=[("评论员", self.author), ("记者", AuthorFactory())],
                tags=["民生", f"标签{n}"],
            )
        with CaptureQueriesContext(connection) as many:
            self.client.get("/")
        self.assertLessEqual(len(many), 12)
        self.assertEqual(len(many), len(few))
