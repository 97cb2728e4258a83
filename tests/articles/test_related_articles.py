import datetime as dt

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import BylineRole
from articles.models.article import RELATED_LIMIT
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page


def day(n: int) -> dt.datetime:
    return dt.datetime(2026, 6, 1, 4, 0, tzinfo=dt.UTC) + dt.timedelta(days=n)


def pks(pages) -> list[int]:
    return [page.pk for page in pages]


class RelatedArticlesTests(TestCase):
    """相关阅读: pinned first, then shared tags, then the same column."""

    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.column = ColumnPageFactory(parent=home)
        other_column = ColumnPageFactory(parent=home)

        def article(column=cls.column, published=0, **kwargs):
            return ArticlePageFactory(
                parent=column, first_published_at=day(published), **kwargs
            )

        # Pinned, in other columns and without tags so only pinning brings them.
        cls.pinned_first = article(other_column, published=1)
        cls.pinned_second = article(other_column, published=9)
        cls.pinned_draft = article(other_column, published=5, live=False)
        cls.pinned_private = article(other_column, published=5)
        make_private(cls.pinned_private)

        # Sharing tags, in another column.
        cls.shares_one_tag = article(other_column, published=8, tags=["民生"])
        cls.shares_two_tags = article(other_column, published=2, tags=["民生", "服务"])
        cls.private_with_tags = article(other_column, published=9, tags=["民生"])
        make_private(cls.private_with_tags)
        cls.draft_with_tags = article(
            other_column, published=9, tags=["民生", "服务"], live=False
        )
        cls.unrelated = article(other_column, published=9, tags=["体育"])

        # Same column, no tags.
        cls.column_old = article(published=3)
        cls.column_new = article(published=7)
        cls.column_newest = article(published=8)
        cls.column_draft = article(published=9, live=False)
        cls.column_private = article(published=9)
        make_private(cls.column_private)

        cls.article = article(
            published=4,
            tags=["民生", "服务"],
            pinned=[
                cls.pinned_first,
                cls.pinned_draft,
                cls.pinned_private,
                cls.pinned_second,
            ],
        )
        # The article pinned to itself: an editor's slip the page must survive.
        cls.self_pinned = article(published=6)
        cls.self_pinned.pinned_related.create(article=cls.self_pinned, sort_order=0)

    def test_pinned_articles_come_first_in_pinned_order(self):
        related = self.article.related_articles()
        self.assertEqual(pks(related[:2]), pks([self.pinned_first, self.pinned_second]))

    def test_pinned_order_is_the_editors_not_the_dates(self):
        self.article.pinned_related.filter(article=self.pinned_first).update(
            sort_order=10
        )
        related = self.article.related_articles()
        self.assertEqual(pks(related[:2]), pks([self.pinned_second, self.pinned_first]))

    def test_unpublished_or_private_pinned_articles_are_skipped(self):
        related = pks(self.article.related_articles())
        self.assertNotIn(self.pinned_draft.pk, related)
        self.assertNotIn(self.pinned_private.pk, related)

    def test_articles_sharing_tags_follow_the_pinned_most_shared_first(self):
        related = self.article.related_articles()
        self.assertEqual(
            pks(related[2:4]), pks([self.shares_two_tags, self.shares_one_tag])
        )

    def test_same_column_fills_the_rest_newest_first(self):
        related = self.article.related_articles()
        self.assertEqual(pks(related[4:]), pks([self.column_newest, self.column_new]))

    def test_never_more_than_six(self):
        self.assertEqual(RELATED_LIMIT, 6)
        self.assertEqual(len(self.article.related_articles()), 6)

    def test_a_smaller_limit_keeps_the_priority_order(self):
        related = self.article.related_articles(limit=3)
        self.assertEqual(
            pks(related),
            pks([self.pinned_first, self.pinned_second, self.shares_two_tags]),
        )

    def test_never_includes_the_article_itself(self):
        self.assertNotIn(self.article.pk, pks(self.article.related_articles()))
        self.assertNotIn(self.self_pinned.pk, pks(self.self_pinned.related_articles()))

    def test_drafts_and_private_articles_are_never_filled_in(self):
        hidden = {
            self.private_with_tags.pk,
            self.draft_with_tags.pk,
            self.column_draft.pk,
            self.column_private.pk,
        }
        for article in (self.article, self.column_old, self.self_pinned):
            with self.subTest(article=article.title):
                self.assertFalse(hidden & set(pks(article.related_articles())))

    def test_article_without_pins_or_tags_shows_its_column_newest_first(self):
        self.assertEqual(
            pks(self.column_old.related_articles()),
            pks(
                [
                    self.column_newest,
                    self.column_new,
                    self.self_pinned,
                    self.article,
                ]
            ),
        )

    def test_articles_with_unshared_tags_are_not_related(self):
        self.assertNotIn(self.unrelated.pk, pks(self.article.related_articles()))

    def test_related_reading_does_not_repeat_an_article(self):
        related = pks(self.shares_two_tags.related_articles())
        self.assertEqual(len(related), len(set(related)))

    def test_query_count_does_not_grow_with_the_related_articles_bylines(self):
        with CaptureQueriesContext(connection) as before:
            related = self.article.related_articles()
        author = AuthorFactory()
        role = BylineRole.objects.first()
        for page in related:
            page.bylines.create(author=author, role=role)
            page.bylines.create(author=AuthorFactory(), role=role)
        with CaptureQueriesContext(connection) as after:
            self.article.related_articles()
        self.assertEqual(len(after), len(before))
