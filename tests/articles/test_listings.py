import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.core.factories import NewsImageFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of

START = dt.datetime(2026, 2, 1, 0, 0, tzinfo=dt.UTC)


def titles(response) -> list[str]:
    return [text_of(a) for a in soup_of(response).select(".article-list-item__title")]


class ColumnListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(
            parent=home, title="青岚时评", intro="<p>聚焦市域治理。</p>"
        )
        for n in range(25):
            ArticlePageFactory(
                parent=cls.column,
                title=f"文章{n}",
                first_published_at=START + dt.timedelta(hours=n),
            )
        ArticlePageFactory(parent=cls.column, title="草稿", live=False)
        make_private(ArticlePageFactory(parent=cls.column, title="私密"))

    def test_first_page_has_twenty_newest_live_public_articles_and_the_intro(self):
        response = self.client.get(self.column.url)
        page = titles(response)
        self.assertEqual(len(page), 20)
        self.assertEqual(page[0], "文章24")
        self.assertNotIn("草稿", page)
        self.assertNotIn("私密", page)
        self.assertIn("聚焦市域治理。", response.content.decode())

    def test_last_page_and_pagination_links(self):
        response = self.client.get(self.column.url, {"page": 2})
        self.assertEqual(titles(response), [f"文章{n}" for n in range(4, -1, -1)])
        previous = one(soup_of(response), "a[rel=prev]")
        self.assertEqual(previous["href"], "?")

    def test_garbage_or_out_of_range_page_is_not_found(self):
        for page in ("abc", "0", "3", "-2", "2abc", ""):
            with self.subTest(page=page):
                response = self.client.get(self.column.url, {"page": page})
                self.assertEqual(response.status_code, 404)
                self.assertIn("页面不存在", response.content.decode())

    def test_query_count_is_within_budget(self):
        self.client.get(self.column.url)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(self.column.url)
        self.assertLessEqual(len(queries), 10)

    def test_column_page_links_its_feeds(self):
        soup = soup_of(self.client.get(self.column.url))
        feeds = [link["href"] for link in soup.select("link[rel=alternate]")]
        self.assertIn(f"/feeds/columns/{self.column.slug}/rss.xml", feeds)
        self.assertIn(f"/feeds/columns/{self.column.slug}/atom.xml", feeds)


class AuthorPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.index = AuthorIndexPageFactory(parent=home)
        column = ColumnPageFactory(parent=home)
        cls.author = AuthorFactory(
            name="林致远",
            slug="lin-zhiyuan",
            title="本网评论员",
            bio="长期关注政务服务改革。",
            photo=NewsImageFactory(title="林致远照片"),
        )
        other = AuthorFactory(name="宋一民")
        for n in range(22):
            ArticlePageFactory(
                parent=column,
                title=f"林文{n}",
                first_published_at=START + dt.timedelta(hours=n),
                bylines=[("评论员", cls.author), ("记者", other)],
            )
        ArticlePageFactory(parent=column, title="别人的", bylines=[("记者", other)])
        ArticlePageFactory(
            parent=column, title="草稿", live=False, bylines=[("记者", cls.author)]
        )

    def test_profile_shows_name_role_bio_and_photo_with_alt_text(self):
        soup = soup_of(self.client.get("/authors/lin-zhiyuan/"))
        self.assertEqual(text_of(one(soup, "h1")), "林致远")
        self.assertEqual(text_of(one(soup, ".author-profile__title")), "本网评论员")
        self.assertIn("长期关注政务服务改革。", text_of(one(soup, ".author-profile")))
        self.assertEqual(one(soup, ".author-profile__photo")["alt"], "林致远的照片")

    def test_author_articles_are_paginated_newest_first(self):
        first = titles(self.client.get("/authors/lin-zhiyuan/"))
        self.assertEqual(len(first), 20)
        self.assertEqual(first[0], "林文21")
        self.assertNotIn("别人的", first)
        second = titles(self.client.get("/authors/lin-zhiyuan/", {"page": 2}))
        self.assertEqual(second, ["林文1", "林文0"])
        response = self.client.get("/authors/lin-zhiyuan/", {"page": "x"})
        self.assertEqual(response.status_code, 404)

    def test_author_index_lists_authors_with_links(self):
        soup = soup_of(self.client.get(self.index.url))
        links = {text_of(a): a["href"] for a in soup.select(".author-list__name")}
        self.assertEqual(set(links), {"林致远", "宋一民"})
        self.assertEqual(links["林致远"], "/authors/lin-zhiyuan/")

    def test_unknown_author_is_not_found(self):
        self.assertEqual(self.client.get("/authors/nobody/").status_code, 404)

    def test_query_count_is_within_budget(self):
        self.client.get("/authors/lin-zhiyuan/")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/authors/lin-zhiyuan/")
        # Wagtail's routing to a sub-page of /authors/ takes five of them.
        self.assertLessEqual(len(queries), 11)
