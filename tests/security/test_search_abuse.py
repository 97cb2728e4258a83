"""The search box (a public input since the readers' pages): hostile
queries are answered with a page, never an error, and change nothing."""

import pytest
from wagtail.models import Page

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.security.payloads import XSS_PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def article():
    column = ColumnPageFactory(parent=get_home_page(), slug="xueyu")
    return ArticlePageFactory(parent=column, slug="chuang", title="吐槽窗口办事指南")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_the_search_box_comes_back_inert(client, article, payload):
    for query in [payload, f"吐槽{payload}", f"{payload} 窗口"]:
        response = client.get(SEARCH, {"q": query})

        assert response.status_code == 200
        assert_inert(response.content.decode())


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "'; DROP TABLE wagtailcore_page; --",
        '" UNION SELECT password FROM auth_user --',
        "%' AND 1=0 --",
        "%%%%",
        "_",
        "\\",
        "吐槽' OR '1'='1",
    ],
)
def test_sql_ish_searches_break_nothing_and_leak_nothing(client, article, query):
    pages = Page.objects.count()

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert "pbkdf2" not in response.content.decode()
    assert Page.objects.count() == pages


@pytest.mark.parametrize(
    "page", ["abc", "-1", "0", "1e10", "99999999999999999999999", "1;DROP TABLE x", ""]
)
def test_search_page_number_garbage_never_errors(client, article, page):
    response = client.get(SEARCH, {"q": "吐槽", "page": page})

    assert response.status_code in {200, 404}


def test_an_absurdly_long_query_is_answered_not_choked_on(client, article):
    response = client.get(SEARCH, {"q": "吐槽" * 5000})

    assert response.status_code == 200


def test_a_search_query_that_is_not_utf8_is_a_400(client, article):
    response = client.get(SEARCH + "?q=%ff%fe")

    assert response.status_code == 400
