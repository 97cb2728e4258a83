from django.test import TestCase

from tests.articles.factories import (
    ArticlePageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page
from tests.html import hrefs, soup_of


class ColumnPageListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="雪域时评")
        other_column = ColumnPageFactory(parent=home)
        cls.older = ArticlePageFactory(parent=cls.column)
        cls.newer = ArticlePageFactory(parent=cls.column)
        cls.hidden = [
            ArticlePageFactory(parent=cls.column, live=False),
            make_private(ArticlePageFactory(parent=cls.column)).page,
            ArticlePageFactory(parent=other_column),
        ]

    def get_links(self):
        response = self.client.get(self.column.url)
        self.assertEqual(response.status_code, 200)
        return hrefs(soup_of(response))

    def test_column_lists_its_live_articles_newest_first(self):
        links = self.get_links()
        self.assertIn(self.newer.url, links)
        self.assertIn(self.older.url, links)
        self.assertLess(links.index(self.newer.url), links.index(self.older.url))

    def test_column_hides_drafts_private_and_other_columns_articles(self):
        links = self.get_links()
        for article in self.hidden:
            self.assertNotIn(article.url, links)
