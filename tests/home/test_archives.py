import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory, make_private
from tests.home.factories import get_home_page
from tests.html import soup_of, text_of

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def titles(response) -> list[str]:
    return [text_of(a) for a in soup_of(response).select(".article-list-item__title")]


class TagPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        column = ColumnPageFactory(parent=home)
        start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
        cls.tagged = [
            ArticlePageFactory(
                parent=column,
                title=f"民生{n}",
                first_published_at=start + dt.timedelta(hours=n),
                tags=["民生"],
            )
            for n in range(23)
        ]
        ArticlePageFactory(parent=column, title="别的标签", tags=["教育"])
        ArticlePageFactory(parent=column, title="草稿", tags=["民生"], live=False)
        private = ArticlePageFactory(parent=column, title="私密", tags=["民生"])
        make_private(private)
        # An editor's display date puts this one first whatever its publication.
        ArticlePageFactory(
            parent=column,
            title="显示时间最新",
            tags=["民生"],
            first_published_at=start - dt.timedelta(days=30),
            display_date=start + dt.timedelta(days=30),
        )

    def test_tag_page_lists_live_public_tagged_articles_newest_by_display_date(self):
        response = self.client.get("/tags/民生/")
        self.assertEqual(response.status_code, 200)
        page_one = titles(response)
        self.assertEqual(page_one[:3], ["显示时间最新", "民生22", "民生21"])
        self.assertEqual(len(page_one), 20)
        for title in ("别的标签", "草稿", "私密"):
            self.assertNotIn(title, page_one)

    def test_second_page_has_the_rest(self):
        response = self.client.get("/tags/民生/?page=2")
        self.assertEqual(titles(response), ["民生3", "民生2", "民生1", "民生0"])

    def test_page_numbers_that_are_not_pages_are_not_found(self):
        for page in ("0", "3", "-1", "abc", "1.5", "９", "99999999"):
            with self.subTest(page=page):
                response = self.client.get("/tags/民生/", {"page": page})
                self.assertEqual(response.status_code, 404)

    def test_unknown_tag_is_not_found(self):
        self.assertEqual(self.client.get("/tags/不存在/").status_code, 404)

    def test_tag_links_on_articles_lead_to_the_tag_page(self):
        soup = soup_of(self.client.get(self.tagged[0].url))
        link = soup.select_one(".article__tags a")
        self.assertEqual(text_of(link), "民生")
        self.assertEqual(self.client.get(link["href"]).status_code, 200)

    def test_query_count_is_within_budget(self):
        self.client.get("/tags/民生/")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/tags/民生/")
        self.assertLessEqual(len(queries), 10)


class DateArchiveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        column = ColumnPageFactory(parent=home)

        def at(title, *when):
            return ArticlePageFactory(
                parent=column,
                title=title,
                first_published_at=dt.datetime(*when, tzinfo=SHANGHAI),
            )

        at("十月最后一刻", 2026, 10, 31, 23, 59)
        at("十一月第一刻", 2026, 11, 1, 0, 0)
        at("十一月中", 2026, 11, 15, 12, 0)
        at("十二月", 2026, 12, 31, 23, 0)
        at("去年", 2025, 11, 20, 8, 0)

    def test_month_archive_uses_local_time_boundaries(self):
        response = self.client.get("/2026/11/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(titles(response), ["十一月中", "十一月第一刻"])

    def test_year_archive_lists_the_whole_year_newest_first(self):
        self.assertEqual(
            titles(self.client.get("/2026/")),
            ["十二月", "十一月中", "十一月第一刻", "十月最后一刻"],
        )

    def test_archive_heading_and_breadcrumb_name_the_period(self):
        soup = soup_of(self.client.get("/2026/11/"))
        self.assertEqual(text_of(soup.select_one("h1")), "存档：2026年11月")
        crumbs = [text_of(a) for a in soup.select(".breadcrumb a")]
        self.assertEqual(crumbs[1:], ["2026年", "11月"])

    def test_impossible_months_are_not_found(self):
        for path in ("/2026/13/", "/2026/00/", "/0999/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_empty_month_is_a_clean_page(self):
        response = self.client.get("/2026/02/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("暂无文章", response.content.decode())
