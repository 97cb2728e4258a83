import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.test import RequestFactory, TestCase

from core.templatetags.news_tags import cn_date, cn_datetime, iso_datetime
from tests.articles.factories import (
    ArticlePageFactory,
    ColumnPageFactory,
)
from tests.home.factories import get_home_page

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATE_EVENING_UTC = dt.datetime(2026, 11, 26, 16, 30, tzinfo=dt.UTC)


def test_cn_datetime_converts_to_shanghai_across_the_day_boundary():
    assert cn_datetime(LATE_EVENING_UTC) == "2026年11月27日 00:30"


def test_cn_datetime_zero_pads_month_day_hour_and_minute():
    assert cn_datetime(dt.datetime(2026, 1, 5, 9, 7, tzinfo=SHANGHAI)) == (
        "2026年01月05日 09:07"
    )


def test_cn_datetime_of_nothing_is_empty():
    assert cn_datetime(None) == ""


def test_cn_date_drops_the_time():
    assert cn_date(LATE_EVENING_UTC) == "2026年11月27日"


def test_iso_datetime_is_shanghai_time_with_offset():
    assert iso_datetime(LATE_EVENING_UTC) == "2026-11-27T00:30:00+08:00"


def test_iso_datetime_drops_microseconds():
    value = dt.datetime(2026, 11, 27, 16, 49, 5, 123456, tzinfo=SHANGHAI)
    assert iso_datetime(value) == "2026-11-27T16:49:05+08:00"


def test_iso_datetime_of_nothing_is_empty():
    assert iso_datetime(None) == ""


class TagsNeedingPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        column = ColumnPageFactory(parent=home, slug="xueyu")
        cls.article = ArticlePageFactory(parent=column, title="标题", slug="biao-ti")
        cls.home = home

    def render(self, source, **context):
        request = RequestFactory().get("/")
        return Template("{% load news_tags %}" + source).render(
            Context({"request": request, **context})
        )

    def test_share_links_point_at_the_absolute_page_url(self):
        rendered = self.render(
            "{% share_links page as share %}"
            "{{ share.url }}\n{{ share.weibo|safe }}\n{{ share.qq|safe }}\n"
            "{{ share.qr_code|safe }}",
            page=self.article,
        )
        url, weibo, qq, qr_code = rendered.split("\n")
        self.assertEqual(url, "http://testserver/xueyu/biao-ti/")
        for share_url in (weibo, qq):
            query = parse_qs(urlsplit(share_url).query)
            self.assertEqual(query["url"], [url])
            self.assertEqual(query["title"], ["标题"])
        self.assertEqual(qr_code, "/share/qr.svg?url=/xueyu/biao-ti/")
