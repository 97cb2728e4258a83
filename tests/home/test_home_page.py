from django.test import TestCase

from tests.articles.factories import (
    ArticlePageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page
from tests.html import hrefs, soup_of


class HomePageListingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home, title="雪域时评")
        cls.draft_column = ColumnPageFactory(parent=home, live=False)
        cls.older = ArticlePageFactory(parent=cls.column)
        cls.newer = ArticlePageFactory(parent=cls.column)
        cls.draft = ArticlePageFactory(parent=cls.column, live=False)
        cls.private = ArticlePageFactory(parent=cls.column)
        make_private(cls.private)

    def get_links(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        return hrefs(soup_of(response))

    def test_home_page_is_served_at_the_site_root(self):
        self.assertEqual(get_home_page().url, "/")

    def test_home_page_links_live_columns(self):
        links = self.get_links()
        self.assertIn(self.column.url, links)
        self.assertNotIn(self.draft_column.url, links)

    def test_home_page_lists_latest_live_articles_newest_first(self):
        links = self.get_links()
        self.assertLess(links.index(self.newer.url), links.index(self.older.url))
        self.assertNotIn(self.draft.url, links)
        self.assertNotIn(self.private.url, links)
