"""Malformed and hostile requests: oversized, too many fields, not UTF-8,
NUL bytes, unknown hosts, path traversal. Each is a clear 4xx.

CI runs this file on PostgreSQL too, which refuses any string holding a NUL:
there, a NUL that reached a database lookup would be a 500."""

import pytest
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

from articles.models import ArticlePage
from core.admin_path import admin_prefix
from feedback.models import Feedback, Kind, State
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, form_data
from tests.home.factories import get_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def column():
    return ColumnPageFactory(parent=get_home_page(), slug="xueyu")


def test_an_oversized_form_body_is_a_400(client):
    body = "username=" + "x" * (3 * 1024 * 1024)

    response = client.post(
        reverse("wagtailadmin_login"),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_too_many_form_fields_is_a_400(client):
    body = "&".join(f"f{n}=1" for n in range(10_001))

    response = client.post(
        reverse("wagtailadmin_login"),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("query", ["page=%ff%fe", "q=%C0%AF", "page=1&x=%80"])
def test_a_query_string_that_is_not_utf8_is_a_400(client, column, query):
    response = client.get(f"{column.url}?{query}")

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_a_form_body_that_is_not_utf8_is_a_400_and_logs_nobody_in(client):
    UserFactory(username="editor", password="pw-for-editor")

    response = client.post(
        reverse("wagtailadmin_login"),
        b"username=editor%ff&password=pw-for-editor",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/%ff%fe/", "/%C0%AF/"])
def test_a_path_that_is_not_utf8_is_a_404(client, column, path):
    assert client.get(path).status_code == 404


def test_an_unknown_host_header_is_a_400(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]

    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/media/../site/settings/base.py",
        "/media/%2e%2e/site/settings/base.py",
        "/media/..%2f..%2fetc/passwd",
        "/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/media//etc/passwd",
        "/documents/1/..%2f..%2fsite%2fsettings%2fbase.py",
    ],
)
def test_path_traversal_in_media_urls_finds_nothing(client, path):
    response = client.get(path)

    assert response.status_code in {400, 404}
    assert b"SECRET_KEY" not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )


# Every kind of route the site has (test_every_route_kind_has_nul_requests
# keeps this list complete), each with requests holding a NUL (%00, which
# the server decodes) in its path, in a query parameter it reads, or in a
# value of the form it takes. "{…}" are filled in from the `site` fixture.
NUL_REQUESTS = {
    "healthz": ["GET /healthz%00", "GET /healthz?x=%00"],
    "admin": [
        "GET {admin}%00/",
        "GET {admin}login/?next=%00",
        "POST {admin}login/ username=%00&password=x",
    ],
    "wagtaildocs_serve": ["GET /documents/1/%00.pdf", "GET /documents/1/a.pdf?x=%00"],
    "wagtaildocs_authenticate_with_password": [
        "GET /documents/authenticate_with_password/1/?next=%00",
        "POST /documents/authenticate_with_password/1/ password=%00",
    ],
    "share_qr_code": [
        "GET /share/qr.svg?url=%00",
        "GET /share/qr.svg?url=/xueyu/%00/",
        "GET /share/qr.svg%00",
    ],
    "feedback:submit": [
        "POST /feedback/article/%00/",
        "POST /feedback/article/{article}/ kind=complaint&message=%00",
    ],
    "feedback:track": [
        "GET /feedback/t/%00/x/",
        "GET /feedback/t/{code}/%00/",
        "GET /feedback/t/{code}/{token}/?sent=%00",
        "POST /feedback/t/{code}/{token}/ rating=satisfied&reason=%00",
    ],
    "feedback:lookup": ["GET /feedback/lookup/?code=%00"],
    "feedback:report": [
        "POST /feedback/report/%00/",
        "POST /feedback/report/{comment}/ reason=%00",
    ],
    "feedback:figures": ["GET /feedback/figures/?x=%00", "GET /feedback/figures/%00"],
    "feedback:like": [
        "POST /feedback/like/%00/",
        "POST /feedback/like/{comment}/ x=%00",
    ],
    "feedback:community_counts": [
        "GET /feedback/community/%00.json",
        "GET /feedback/community/{article}.json?x=%00",
    ],
    "feedback:hottest": [
        "GET /feedback/hottest/%00/",
        "GET /feedback/hottest/{article}/?fb=%00",
    ],
    "feedback:appeal": [
        "GET /feedback/appeal/%00/",
        "POST /feedback/appeal/1/ message=%00",
    ],
    "sitemap": ["GET /sitemap.xml?p=%00"],
    "robots_txt": ["GET /robots.txt?x=%00"],
    "favicon": ["GET /favicon.ico?x=%00", "GET /favicon.ico%00"],
    "choose_script": ["GET /script/%00/", "GET /script/hant/?next=%00"],
    "search": [
        "GET /search/?q=%00",
        "GET /search/?q=%E7%AA%97%E5%8F%A3&page=%00",
        "GET /search/%00/",
    ],
    "feeds:site_rss": ["GET /feeds/rss.xml?x=%00", "GET /feeds/rss.xml%00"],
    "feeds:site_atom": ["GET /feeds/atom.xml?x=%00"],
    "feeds:column_rss": [
        "GET /feeds/columns/%00/rss.xml",
        "GET /feeds/columns/xueyu/rss.xml?x=%00",
    ],
    "feeds:column_atom": ["GET /feeds/columns/%00/atom.xml"],
    "feeds:author_rss": [
        "GET /feeds/authors/%00/rss.xml",
        "GET /feeds/authors/lin/rss.xml?x=%00",
    ],
    "feeds:author_atom": ["GET /feeds/authors/%00/atom.xml"],
    "feedback:mine": ["GET /feedback/mine/?x=%00"],
    "readers:account": ["GET /readers/?next=%00", "GET /readers/%00"],
    "readers:verify": [
        "GET /readers/verify/?next=%00",
        "POST /readers/verify/ action=send&phone=%00&agree=on",
        "POST /readers/verify/ action=check&phone=13800138000&agree=on&code=%00",
    ],
    "readers:nickname": ["GET /readers/nickname/?next=%00"],
    "readers:consent": ["GET /readers/consent/?next=%00"],
    "readers:signout": ["POST /readers/signout/ next=%00"],
    "readers:state": ["GET /readers/me.json?x=%00"],
    "readers:document": ["GET /readers/rules/%00/", "GET /readers/rules/rules/?x=%00"],
    "corrections:index": ["GET /corrections/?page=%00"],
    "corrections:rss": ["GET /corrections/rss.xml?x=%00"],
    "corrections:column": [
        "GET /corrections/%00/",
        "GET /corrections/xueyu/?page=%00",
    ],
    "corrections:column_rss": ["GET /corrections/%00/rss.xml"],
    "^media/(?P<path>.*)$": ["GET /media/%00", "GET /media/a.jpg?x=%00"],
    "wagtailcore_authenticate_with_password": [
        "POST /_util/authenticate_with_password/1/1/ password=%00&return_url=/",
    ],
    "wagtailcore_login": [
        "GET /_util/login/?next=%00",
        "POST /_util/login/ username=%00&password=x",
    ],
    "wagtail_serve": ["GET /%00/", "GET /%00"],
    "page:ColumnPage": ["GET /xueyu/?page=%00", "GET /xueyu/%00/"],
    "page:ArticlePage": [
        "GET /xueyu/biao-ti/?page=%00",
        "GET /xueyu/biao-ti/%00/",
        "GET /xueyu/biao-ti%00/",
    ],
    "HomePage:front_page": ["GET /?page=%00", "GET /?x=%00"],
    "HomePage:tag": ["GET /tags/%00/", "GET /tags/minsheng/?page=%00"],
    "HomePage:archive_year": ["GET /2026/?page=%00", "GET /2026%00/"],
    "HomePage:archive_month": ["GET /2026/01/?page=%00", "GET /2026/%00/"],
    "AuthorIndexPage:author_list": ["GET /authors/?page=%00"],
    "AuthorIndexPage:author": ["GET /authors/%00/", "GET /authors/lin/?page=%00"],
}


def route_kinds() -> set[str]:
    """Every URL pattern the site routes (the admin's as one), every page
    type Wagtail serves, and every sub-route of a routable page."""
    kinds = set()

    def walk(patterns, namespace=None):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern) == settings.WAGTAILADMIN_PATH:
                    kinds.add("admin")
                else:
                    walk(entry.url_patterns, entry.namespace or namespace)
            elif entry.name:
                kinds.add(f"{namespace}:{entry.name}" if namespace else entry.name)
            else:
                kinds.add(str(entry.pattern))

    walk(get_resolver().url_patterns)
    for model in get_page_models():
        if model is Page:
            continue
        if not issubclass(model, RoutablePageMixin):
            kinds.add(f"page:{model.__name__}")
            continue
        seen = set()
        for route in model.get_subpage_urls():
            if str(route.pattern) not in seen:  # a later "" is shadowed
                seen.add(str(route.pattern))
                kinds.add(f"{model.__name__}:{route.name}")
    return kinds


@pytest.fixture
def site():
    home = get_home_page()
    column = ColumnPageFactory(parent=home, slug="xueyu")
    article = ArticlePageFactory(parent=column, slug="biao-ti", tags=["minsheng"])
    AuthorIndexPageFactory(parent=home)
    AuthorFactory(slug="lin")
    item = FeedbackFactory(article=article)
    comment = FeedbackFactory(
        article=article, kind=Kind.COMMENT, state=State.PUBLISHED, is_public=True
    )
    return {
        "admin": admin_prefix(),
        "article": article.pk,
        "code": item.tracking_code,
        "token": item.tracking_token,
        "comment": comment.pk,
    }


def test_every_route_kind_has_nul_requests():
    assert route_kinds() - set(NUL_REQUESTS) == set()


@pytest.mark.parametrize(
    "nul_request",
    [request for requests in NUL_REQUESTS.values() for request in requests],
)
def test_a_nul_in_any_path_query_parameter_or_form_value_is_a_400(
    client, site, nul_request
):
    method, url, *body = nul_request.format(**site).split(" ")
    if method == "POST":
        response = client.post(
            url, body[0] if body else "", "application/x-www-form-urlencoded"
        )
    else:
        response = client.get(url)

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()


def test_a_nul_in_a_multipart_form_value_is_a_400_and_stores_nothing(client, site):
    article = ArticlePage.objects.get(pk=site["article"])
    before = Feedback.objects.count()

    response = client.post(
        f"/feedback/article/{article.pk}/",
        form_data(article, message="路灯坏了好几天，晚上很黑。\x00"),
    )

    assert response.status_code == 400
    assert "请求无效" in response.content.decode()
    assert Feedback.objects.count() == before
