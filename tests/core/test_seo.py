import datetime as dt
import json

from django.test import TestCase

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.factories import NewsImageFactory, site_settings
from tests.home.factories import get_home_page
from tests.html import soup_of, text_of

PUBLISHED = dt.datetime(2026, 11, 27, 8, 49, tzinfo=dt.UTC)  # 16:49 in Shanghai


def json_ld(soup, kind):
    found = []
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        found.extend(data if isinstance(data, list) else [data])
    matching = [data for data in found if data.get("@type") == kind]
    assert len(matching) == 1, f"expected one {kind}, found {len(matching)}"
    return matching[0]


def meta(soup, attribute, name):
    tag = soup.select_one(f'meta[{attribute}="{name}"]')
    return tag["content"] if tag else None


class ArticleSeoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        site_settings(site_name="青岚新闻网", publisher="青岚日报社")
        cls.column = ColumnPageFactory(parent=home, title="青岚时评", slug="qinglan")
        cls.first = AuthorFactory(name="林致远", slug="lin-zhiyuan", title="评论员")
        cls.second = AuthorFactory(name="宋一民", slug="song-yimin")
        cls.article = ArticlePageFactory(
            parent=cls.column,
            title="把“吐槽窗口”办成回音壁",
            slug="tucao",
            standfirst="设一扇窗口并不难,难的是接住意见。",
            first_published_at=PUBLISHED,
            lead_image=NewsImageFactory(
                title="窗口",
                description="市民在窗口前填写意见单",
                file__width=1600,
                file__height=900,
            ),
            bylines=[("评论员", cls.first), ("记者", cls.second)],
            tags=["政务服务", "民生"],
        )
        cls.plain = ArticlePageFactory(
            parent=cls.column, title="没有题图", slug="plain"
        )

    def setUp(self):
        self.response = self.client.get("/qinglan/tucao/?utm_source=x")
        self.soup = soup_of(self.response)

    def test_canonical_url_drops_tracking_parameters(self):
        canonical = self.soup.select_one('link[rel="canonical"]')["href"]
        self.assertEqual(canonical, "http://testserver/qinglan/tucao/")

    def test_odd_page_numbers_leave_the_canonical_url_alone(self):
        for raw in ("²", "9" * 5000, "abc"):
            with self.subTest(page=raw[:10]):
                response = self.client.get("/qinglan/tucao/", {"page": raw})
                self.assertEqual(response.status_code, 200)
                canonical = soup_of(response).select_one('link[rel="canonical"]')
                self.assertEqual(canonical["href"], "http://testserver/qinglan/tucao/")

    def test_meta_description_falls_back_to_the_standfirst(self):
        self.assertEqual(
            meta(self.soup, "name", "description"), "设一扇窗口并不难,难的是接住意见。"
        )

    def test_open_graph_and_twitter_cards_carry_the_share_image(self):
        image = meta(self.soup, "property", "og:image")
        self.assertRegex(image, r"^http://testserver/.+\.jpg$")
        self.assertEqual(meta(self.soup, "property", "og:image:width"), "1200")
        self.assertEqual(meta(self.soup, "property", "og:image:height"), "630")
        self.assertEqual(
            meta(self.soup, "property", "og:image:alt"), "市民在窗口前填写意见单"
        )
        self.assertEqual(meta(self.soup, "property", "og:type"), "article")
        self.assertEqual(
            meta(self.soup, "property", "og:title"), "把“吐槽窗口”办成回音壁"
        )
        self.assertEqual(
            meta(self.soup, "property", "og:url"), "http://testserver/qinglan/tucao/"
        )
        self.assertEqual(
            meta(self.soup, "property", "article:published_time"),
            "2026-11-27T16:49:00+08:00",
        )
        self.assertEqual(meta(self.soup, "name", "twitter:card"), "summary_large_image")
        self.assertEqual(meta(self.soup, "name", "twitter:image"), image)
        self.assertEqual(
            self.client.get(image.removeprefix("http://testserver")).status_code, 200
        )

    def test_article_without_lead_image_has_a_small_card_and_the_site_image(self):
        soup = soup_of(self.client.get("/qinglan/plain/"))
        site_image = "http://testserver/static/img/default-share.png"
        self.assertEqual(meta(soup, "property", "og:image"), site_image)
        self.assertEqual(meta(soup, "name", "twitter:card"), "summary")
        self.assertEqual(json_ld(soup, "OpinionNewsArticle")["image"], [site_image])

    def test_opinion_news_article_json_ld_field_by_field(self):
        data = json_ld(self.soup, "OpinionNewsArticle")
        self.assertEqual(data["@context"], "https://schema.org")
        self.assertEqual(data["headline"], "把“吐槽窗口”办成回音壁")
        self.assertEqual(data["url"], "http://testserver/qinglan/tucao/")
        self.assertEqual(data["mainEntityOfPage"], "http://testserver/qinglan/tucao/")
        self.assertEqual(data["datePublished"], "2026-11-27T16:49:00+08:00")
        self.assertTrue(data["dateModified"].endswith("+08:00"))
        self.assertGreaterEqual(data["dateModified"], data["datePublished"])
        self.assertEqual(data["description"], "设一扇窗口并不难,难的是接住意见。")
        self.assertEqual(
            data["author"],
            [
                {
                    "@type": "Person",
                    "name": "林致远",
                    "url": "http://testserver/authors/lin-zhiyuan/",
                    "jobTitle": "评论员",
                },
                {
                    "@type": "Person",
                    "name": "宋一民",
                    "url": "http://testserver/authors/song-yimin/",
                },
            ],
        )
        self.assertEqual(
            data["publisher"],
            {
                "@type": "NewsMediaOrganization",
                "@id": "http://testserver/#publisher",
                "name": "青岚日报社",
                "url": "http://testserver/",
                "logo": {
                    "@type": "ImageObject",
                    "url": "http://testserver/static/img/logo.png",
                    "width": 512,
                    "height": 512,
                },
            },
        )
        self.assertEqual(data["image"], [meta(self.soup, "property", "og:image")])
        self.assertEqual(
            data["isPartOf"],
            {
                "@type": "CreativeWorkSeries",
                "name": "青岚时评",
                "url": "http://testserver/qinglan/",
            },
        )
        self.assertEqual(data["keywords"], ["政务服务", "民生"])

    def test_breadcrumb_json_ld_is_the_visible_breadcrumb_then_the_page(self):
        visible = [
            (text_of(link), "http://testserver" + link["href"])
            for link in self.soup.select("nav.breadcrumb a")
        ]
        data = json_ld(self.soup, "BreadcrumbList")
        structured = [(item["name"], item["item"]) for item in data["itemListElement"]]
        self.assertEqual(
            visible,
            [
                ("青岚新闻网", "http://testserver/"),
                ("青岚时评", "http://testserver/qinglan/"),
            ],
        )
        self.assertEqual(
            structured,
            [*visible, ("把“吐槽窗口”办成回音壁", "http://testserver/qinglan/tucao/")],
        )
        self.assertEqual(
            [item["position"] for item in data["itemListElement"]], [1, 2, 3]
        )

    def test_json_ld_cannot_close_its_script_element(self):
        self.article.title = "</script><script>alert(1)</script>"
        self.article.save_revision().publish()
        html = self.client.get("/qinglan/tucao/").content.decode()
        self.assertNotIn("</script><script>alert(1)", html)
        soup = soup_of(self.client.get("/qinglan/tucao/"))
        self.assertEqual(
            json_ld(soup, "OpinionNewsArticle")["headline"],
            "</script><script>alert(1)</script>",
        )


class SiteSeoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        column = ColumnPageFactory(parent=home, slug="qinglan")
        cls.article = ArticlePageFactory(parent=column, slug="one")

    def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain")
        lines = response.content.decode().splitlines()
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn("Disallow: /search/", lines)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)

    def test_sitemap_lists_articles(self):
        content = self.client.get("/sitemap.xml").content.decode()
        self.assertIn("/qinglan/one/</loc>", content)

    def test_paginated_pages_have_their_own_canonical_url(self):
        for _ in range(21):
            ArticlePageFactory(parent=self.article.get_parent())
        soup = soup_of(self.client.get("/qinglan/?page=2&utm=x"))
        self.assertEqual(
            soup.select_one('link[rel="canonical"]')["href"],
            "http://testserver/qinglan/?page=2",
        )

    def test_every_page_declares_its_language_and_landmarks(self):
        soup = soup_of(self.client.get("/qinglan/one/"))
        self.assertEqual(soup.html["lang"], "zh-Hans")
        for selector in (
            "header",
            "main#main",
            "footer",
            "nav.breadcrumb",
            "form[role=search]",
        ):
            self.assertIsNotNone(soup.select_one(selector), selector)
        self.assertEqual(soup.select_one("a.skip-link")["href"], "#main")
