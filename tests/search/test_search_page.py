import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from search.views import MAX_QUERY_LENGTH
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of

START = dt.datetime(2026, 5, 1, 0, 0, tzinfo=dt.UTC)


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page(), title="青岚时评")
        author = AuthorFactory(name="林致远")
        for n in range(23):
            ArticlePageFactory(
                parent=column,
                title=f"第{n}篇:吐槽窗口要有回音",
                first_published_at=START + dt.timedelta(hours=n),
                body=[("paragraph", RichText("<p>办事群众在吐槽窗口前排起了队。</p>"))],
                bylines=[("评论员", author)],
            )
        ArticlePageFactory(
            parent=column,
            title="只在正文里",
            standfirst="一篇导语",
            body=[
                (
                    "paragraph",
                    RichText("<p>" + "前面的话很长。" * 20 + "市民提到吐槽窗口。</p>"),
                )
            ],
        )
        ArticlePageFactory(parent=column, title="吐槽窗口的草稿", live=False)
        make_private(ArticlePageFactory(parent=column, title="吐槽窗口私密稿"))

    def get(self, **params):
        response = self.client.get("/search/", params)
        return response, soup_of(response)

    def test_results_are_paginated_live_public_articles_with_a_count(self):
        response, soup = self.get(q="吐槽窗口")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            text_of(one(soup, ".search-results__count")), "找到 24 篇相关文章"
        )
        titles = [text_of(a) for a in soup.select(".article-list-item__title")]
        self.assertEqual(len(titles), 20)
        self.assertFalse(any("草稿" in t or "私密" in t for t in titles))
        _, page_two = self.get(q="吐槽窗口", page=2)
        self.assertEqual(len(page_two.select(".article-list-item")), 4)
        next_link = one(soup, "a[rel=next]")["href"]
        self.assertIn("q=%E5%90%90%E6%A7%BD%E7%AA%97%E5%8F%A3", next_link)
        self.assertIn("page=2", next_link)

    def test_query_terms_are_highlighted_in_titles_and_excerpts(self):
        _, soup = self.get(q="吐槽窗口")
        marks = [text_of(mark) for mark in soup.select(".article-list-item mark")]
        self.assertIn("吐槽窗口", marks)
        _, page_two = self.get(q="吐槽窗口", page=2)
        items = soup.select(".article-list-item") + page_two.select(
            ".article-list-item"
        )
        body_only = next(item for item in items if "只在正文里" in text_of(item))
        excerpt = text_of(one(body_only, ".article-list-item__standfirst"))
        self.assertTrue(excerpt.startswith("…"))
        self.assertIn("吐槽窗口", excerpt)

    def test_traditional_query_highlights_simplified_text(self):
        _, soup = self.get(q="吐槽窗口 群眾")
        self.assertTrue(soup.select(".article-list-item mark"))

    def test_highlighting_escapes_html(self):
        ArticlePageFactory(
            parent=get_home_page().get_children().first(),
            title="<b>吐槽</b>窗口",
        )
        response, _ = self.get(q="吐槽")
        self.assertIn("&lt;b&gt;<mark>吐槽</mark>&lt;/b&gt;", response.content.decode())

    def test_empty_query_asks_for_words(self):
        response, soup = self.get(q="   ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("请输入要搜索的词语", text_of(one(soup, ".listing__empty")))

    def test_absurd_queries_get_a_clear_answer_never_an_error(self):
        for query in [
            '"',
            "!!!???",
            "''''",
            "OR AND NOT",
            "*" * 50,
            "\\",
        ]:
            with self.subTest(query=query):
                response, soup = self.get(q=query)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(
                    soup.select(".listing__empty") or soup.select(".article-list-item")
                )

    def test_a_query_holding_a_nul_is_refused_with_a_clear_page(self):
        # Refused before the view, like a NUL anywhere (security/middleware.py).
        response = self.client.get("/search/", {"q": "吐槽\x00窗口"})

        self.assertContains(response, "请求无效", status_code=400)

    def test_no_results_says_so_and_keeps_what_was_typed(self):
        _, soup = self.get(q="火星移民")
        self.assertIn(
            "没有找到与“火星移民”相关的文章", text_of(one(soup, ".listing__empty"))
        )
        self.assertEqual(one(soup, "#search-page-input")["value"], "火星移民")

    def test_overlong_queries_are_cut_and_the_reader_told(self):
        _, soup = self.get(q="吐槽窗口" * 40)
        self.assertEqual(
            len(one(soup, "#search-page-input")["value"]), MAX_QUERY_LENGTH
        )
        self.assertIn("只用了前", text_of(one(soup, ".search-form__note")))

    def test_garbage_page_is_not_found(self):
        response, _ = self.get(q="吐槽窗口", page="abc")
        self.assertEqual(response.status_code, 404)
        response, _ = self.get(q="吐槽窗口", page=9)
        self.assertEqual(response.status_code, 404)

    def test_search_pages_are_not_indexed_by_crawlers(self):
        response, soup = self.get(q="吐槽窗口")
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        self.assertEqual(one(soup, 'meta[name="robots"]')["content"], "noindex, follow")

    def test_header_search_box_sends_readers_here(self):
        soup = soup_of(self.client.get("/"))
        form = one(soup, "header form[role=search]")
        self.assertEqual(form["action"], "/search/")
        self.assertEqual(form.select_one("input")["name"], "q")

    def test_query_count_is_within_budget_and_flat(self):
        self.get(q="吐槽窗口")
        with CaptureQueriesContext(connection) as queries:
            self.get(q="吐槽窗口")
        self.assertLessEqual(len(queries), 10)
