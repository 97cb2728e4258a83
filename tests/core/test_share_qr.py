"""The share bar's WeChat QR code: of this site's live, public pages only."""

import io

import pytest
import qrcode
import qrcode.image.svg

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db

QR_URL = "/share/qr.svg"


def qr_svg_of(text: str) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(
        buffer
    )
    return buffer.getvalue()


@pytest.fixture
def article():
    home = get_home_page()
    column = ColumnPageFactory(parent=home, slug="xueyu")
    AuthorIndexPageFactory(parent=home)
    AuthorFactory(slug="lin")
    return ArticlePageFactory(parent=column, slug="biao-ti", tags=["minsheng"])


def test_qr_code_of_a_live_article_path_encodes_its_absolute_url(client, article):
    response = client.get(QR_URL, {"url": "/xueyu/biao-ti/"})

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == qr_svg_of("http://testserver/xueyu/biao-ti/")


def test_qr_code_of_an_absolute_url_on_this_site_is_an_svg(client, article):
    response = client.get(QR_URL, {"url": "http://testserver/xueyu/biao-ti/"})

    assert response.status_code == 200
    assert response.content == qr_svg_of("http://testserver/xueyu/biao-ti/")


@pytest.mark.parametrize(
    "path",
    ["/", "/xueyu/", "/authors/", "/authors/lin/", "/tags/minsheng/", "/2026/01/"],
)
def test_qr_code_of_a_column_front_page_or_routable_sub_page_is_an_svg(
    client, article, path
):
    response = client.get(QR_URL, {"url": path})

    assert response.status_code == 200
    assert response.content == qr_svg_of(f"http://testserver{path}")


def test_qr_code_can_be_cached_by_browsers_and_proxies(client, article):
    response = client.get(QR_URL, {"url": "/xueyu/biao-ti/"})
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "www.evil.example/login",  # a relative path: once, a QR code of the text
        "请向账户 6222 0000 1234 转账 500 元",
        "https://evil.example/",
        "//evil.example/phish/",
        "javascript:alert(1)",
        "/no-such-page/",
        "/xueyu/no-such-article/",
        "/xueyu/biao-ti",  # not the page's URL (no trailing slash)
        "/tags/请向账户6222转账/",  # a sub-route whose view finds nothing
        "/authors/nobody/",
        "/1899/",
        "/search/",
        "/feeds/rss.xml",
        "/feedback/lookup/",
        "/xueyu/biao-ti/?pay=6222",
        "/xueyu/biao-ti/#6222",
        "/" + "a" * 600,
    ],
)
def test_qr_code_refuses_anything_but_a_page_of_this_site(client, article, url):
    response = client.get(QR_URL, {"url": url})

    assert response.status_code == 400
    assert "链接" in response.content.decode()


def test_qr_code_refuses_a_draft_or_a_private_page(client, article):
    ArticlePageFactory(parent=article.get_parent(), slug="cao-gao", live=False)
    make_private(ArticlePageFactory(parent=article.get_parent(), slug="si-mi"))

    assert client.get(QR_URL, {"url": "/xueyu/cao-gao/"}).status_code == 400
    assert client.get(QR_URL, {"url": "/xueyu/si-mi/"}).status_code == 400


def test_qr_code_without_url_is_a_bad_request(client):
    assert client.get(QR_URL).status_code == 400
    assert client.get(QR_URL, {"url": ""}).status_code == 400


def test_qr_code_only_answers_get(client):
    assert client.post(QR_URL, {"url": "/xueyu/biao-ti/"}).status_code == 405
