from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory, make_private
from tests.home.factories import get_home_page


class ListingCountTests(TestCase):
    """A list's count is read once, then served from the cache until a page
    is published, unpublished, moved, deleted or restricted."""

    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.other = ColumnPageFactory(parent=get_home_page())
        cls.articles = [ArticlePageFactory(parent=cls.column) for _ in range(3)]

    def count(self, column=None):
        response = self.client.get((column or self.column).url)
        self.assertEqual(response.status_code, 200)
        return response.context["articles"].paginator.count

    def assert_counted_without_a_query(self, expected):
        self.count()
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.count(), expected)
        self.assertFalse([q for q in queries if "COUNT(" in q["sql"]])

    def test_a_count_is_read_once(self):
        self.assert_counted_without_a_query(3)

    def test_publishing_renews_the_count(self):
        self.assertEqual(self.count(), 3)
        draft = ArticlePageFactory(parent=self.column, live=False)
        self.assertEqual(self.count(), 3)
        draft.save_revision().publish()
        self.assertEqual(self.count(), 4)

    def test_unpublishing_renews_the_count(self):
        self.assertEqual(self.count(), 3)
        self.articles[0].unpublish()
        self.assertEqual(self.count(), 2)

    def test_moving_renews_the_count(self):
        self.assertEqual(self.count(), 3)
        ArticlePage.objects.get(pk=self.articles[0].pk).move(
            self.other, pos="last-child"
        )
        self.assertEqual(self.count(), 2)

    def test_deleting_renews_the_count(self):
        self.assertEqual(self.count(), 3)
        ArticlePage.objects.get(pk=self.articles[0].pk).delete()
        self.assertEqual(self.count(), 2)

    def test_restricting_renews_the_count(self):
        self.assertEqual(self.count(), 3)
        make_private(self.articles[0])
        self.assertEqual(self.count(), 2)

    def test_different_lists_have_their_own_counts(self):
        self.assertEqual(self.count(), 3)
        self.assertEqual(self.count(self.other), 0)
