from django.test import TestCase

from articles.models import ArticlePage
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page


class ListedColumnTests(TestCase):
    """Column lists read ArticlePage.listed_column: it must always be the
    article's parent, whichever way the article got there."""

    @classmethod
    def setUpTestData(cls):
        cls.first = ColumnPageFactory(parent=get_home_page(), title="第一栏")
        cls.second = ColumnPageFactory(parent=get_home_page(), title="第二栏")

    def listed_column(self, article):
        return ArticlePage.objects.get(pk=article.pk).listed_column_id

    def column_titles(self, column):
        response = self.client.get(column.url)
        return [article.title for article in response.context["articles"]]

    def test_a_new_article_is_listed_in_its_parent_column(self):
        article = ArticlePageFactory(parent=self.first, title="新文章")
        self.assertEqual(self.listed_column(article), self.first.pk)
        self.assertEqual(self.column_titles(self.first), ["新文章"])

    def test_a_moved_article_is_listed_in_its_new_column(self):
        article = ArticlePageFactory(parent=self.first, title="挪走的文章")
        article.move(self.second, pos="last-child")
        self.assertEqual(self.listed_column(article), self.second.pk)
        self.assertEqual(self.column_titles(self.first), [])
        self.assertEqual(self.column_titles(self.second), ["挪走的文章"])

    def test_a_copy_is_listed_in_the_column_it_was_copied_to(self):
        article = ArticlePageFactory(parent=self.first, title="原文")
        copy = article.copy(
            to=self.second, update_attrs={"slug": "copy", "title": "复制件"}
        )
        self.assertEqual(self.listed_column(copy), self.second.pk)
        self.assertEqual(self.listed_column(article), self.first.pk)
