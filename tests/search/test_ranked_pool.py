import datetime as dt
from unittest import mock

from django.test import TestCase
from wagtail.rich_text import RichText

from search.articles import search_articles
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of

START = dt.datetime(2026, 5, 1, 0, 0, tzinfo=dt.UTC)


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


class RankedPoolTests(TestCase):
    """Only the newest matches are ranked, so a common word costs the same
    at any archive size; within them title hits still lead."""

    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page())

        def article(title, text, hours):
            return ArticlePageFactory(
                parent=column,
                title=title,
                body=body(text),
                first_published_at=START + dt.timedelta(hours=hours),
            )

        cls.oldest = article("最早的一篇", "供暖季里说供暖。", 0)
        cls.in_title = article("供暖要暖到心里", "标题里有这个词。", 1)
        cls.newer = article("较新的一篇", "正文提到供暖。", 2)
        cls.newest = article("最新的一篇", "正文也提到供暖。", 3)
        article("无关的一篇", "说的是别的事。", 4)

    def ids(self, results):
        return [article.pk for article in results[:20]]

    def test_all_matches_are_ranked_when_they_fit_the_pool(self):
        results = search_articles("供暖")
        self.assertEqual(results.count(), 4)
        self.assertFalse(results.truncated)
        self.assertEqual(self.ids(results)[0], self.in_title.pk)

    def test_only_the_newest_matches_are_ranked_when_there_are_more(self):
        results = search_articles("供暖", pool=3)
        self.assertTrue(results.truncated)
        self.assertEqual(results.count(), 3)
        found = self.ids(results)
        self.assertNotIn(self.oldest.pk, found)
        self.assertEqual(found[0], self.in_title.pk)  # title hit first
        self.assertCountEqual(found, [self.in_title.pk, self.newer.pk, self.newest.pk])

    def test_the_page_says_when_results_are_limited_to_the_newest(self):
        with mock.patch("search.articles.RANKED_POOL", 3):
            response = self.client.get("/search/", {"q": "供暖"})
        count = text_of(one(soup_of(response), ".search-results__count"))
        self.assertIn("超过 3 篇", count)
        self.assertIn("最新的 3 篇", count)
