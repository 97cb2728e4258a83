"""Lists of articles (column, tag, archive, author) kept as fragments under
the render generation, each under the name its view gives the list: every
publish shows at the next request, the pagination links stay the request's
own, and search results are never kept. The page cache is off: every
request renders."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import AuthorIndexPage
from tests.articles.factories import ArticlePageFactory, AuthorFactory
from tests.caching.test_render_cache import queries, text


def list_urls(newsroom) -> dict:
    home, article = newsroom["home"], newsroom["article"]
    when = timezone.localtime(article.first_published_at)
    authors = AuthorIndexPage.objects.get()
    return {
        "column": newsroom["column"].url,
        "tag": home.tag_url(article.tags.get()),
        "archive": home.archive_url(when.year, when.month),
        "author": authors.url
        + authors.reverse_subpage("author", args=[newsroom["author"].slug]),
    }


@pytest.fixture
def urls(newsroom):
    return list_urls(newsroom)


@pytest.mark.parametrize("kind", ["column", "tag", "archive", "author"])
def test_an_edited_title_shows_at_once(
    client, render_cached, newsroom, urls, publish, kind
):
    url = urls[kind]
    assert "开好吐槽窗" in text(client, url)
    publish(newsroom["article"], title=f"列表里的新标题{kind}")
    assert f"列表里的新标题{kind}" in text(client, url)


@pytest.mark.parametrize("kind", ["column", "tag", "author"])
def test_an_unpublished_article_leaves_at_once(
    client, render_cached, newsroom, urls, django_capture_on_commit_callbacks, kind
):
    url = urls[kind]
    assert "开好吐槽窗" in text(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["article"].unpublish()
    assert "开好吐槽窗" not in text(client, url)


def test_a_kept_list_is_not_read_again(client, render_cached, urls):
    first = queries(client, urls["column"])
    assert queries(client, urls["column"]) < first


def test_each_page_of_a_list_is_kept_apart(client, render_cached, newsroom):
    for number in range(21):
        ArticlePageFactory(parent=newsroom["column"], title=f"第{number:02d}篇")
    url = newsroom["column"].url
    first = text(client, url)
    second = text(client, url + "?page=2")
    assert first.count('class="article-list-item"') == 20
    assert second.count('class="article-list-item"') == 3


def test_pagination_links_keep_the_requests_own_query(client, render_cached, newsroom):
    for number in range(21):
        ArticlePageFactory(parent=newsroom["column"], title=f"第{number:02d}篇")
    url = newsroom["column"].url
    text(client, url + "?page=2&from=weibo")
    page = text(client, url + "?page=2&from=wechat")
    links = re.findall(r'rel="prev" href="([^"]*)"', page)
    assert links == ["?from=wechat"]


def test_the_traditional_variant_is_kept_apart(client, render_cached, urls):
    simplified = text(client, urls["column"])
    client.cookies["zh_script"] = "hant"
    assert "開好吐槽窗" in text(client, urls["column"])
    del client.cookies["zh_script"]
    assert text(client, urls["column"]).count("开好吐槽窗") == simplified.count(
        "开好吐槽窗"
    )


def test_the_column_structured_data_follows_the_host(client, render_cached, urls):
    def item_urls(host) -> list[str]:
        page = client.get(urls["column"], HTTP_HOST=host).content.decode()
        blocks = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page, re.S
        )
        found = []
        for block in blocks:
            data = json.loads(block)
            for entry in data if isinstance(data, list) else [data]:
                if entry.get("@type") == "ItemList":
                    found += [item["url"] for item in entry["itemListElement"]]
        return found

    assert all("//localhost/" in url for url in item_urls("localhost"))
    assert all("//127.0.0.1/" in url for url in item_urls("127.0.0.1"))


def test_search_results_are_never_kept(client, render_cached, newsroom):
    search = reverse("search")
    assert "/xueyu/tucao/" in text(client, search + "?q=吐槽窗")
    assert "/xueyu/tucao/" not in text(client, search + "?q=旧文章")


def test_a_renamed_author_shows_on_their_page_at_once(
    client, render_cached, newsroom, urls, django_capture_on_commit_callbacks
):
    author = newsroom["author"]
    assert "陈鑫远" in text(client, urls["author"])
    with django_capture_on_commit_callbacks(execute=True):
        author.name = "陈新远"
        author.title = "特约评论员"
        author.save()
    page = text(client, urls["author"])
    assert "陈新远" in page and "特约评论员" in page and "陈鑫远" not in page


def test_an_unknown_author_is_not_found_until_one_is_added(
    client, render_cached, newsroom, urls
):
    url = urls["author"].replace("/chen/", "/new-writer/")
    assert client.get(url).status_code == 404
    AuthorFactory(name="新作者", slug="new-writer")
    assert "新作者" in text(client, url)
