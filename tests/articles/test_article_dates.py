import datetime as dt

from django.test import TestCase

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.html import one, soup_of, text_of


class ArticleDateAcrossUtcDayBoundaryTests(TestCase):
    """16:30 UTC on the 26th is already the 27th in Lhasa and Beijing."""

    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(
            parent=column,
            display_date=dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC),
            first_published_at=dt.datetime(2026, 11, 1, 0, 0, tzinfo=dt.UTC),
        )

    def get_time_element(self):
        response = self.client.get(self.article.url)
        self.assertEqual(response.status_code, 200)
        return one(soup_of(response), "time.article__date")

    def test_date_shows_the_next_day_in_shanghai(self):
        self.assertEqual(text_of(self.get_time_element()), "2026年11月27日 00:30")

    def test_datetime_attribute_carries_the_shanghai_offset(self):
        self.assertEqual(
            self.get_time_element()["datetime"], "2026-11-27T00:30:00+08:00"
        )

    def test_published_at_prefers_display_date(self):
        self.assertEqual(self.article.published_at, self.article.display_date)
