"""JSON-LD and social metadata of every reader page kind, in both scripts."""

import datetime as dt
import re

from django.test import TestCase

from core.text import to_reading_traditional
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.factories import NewsImageFactory, site_settings
from tests.core.test_seo import json_ld, meta
from tests.home.factories import get_home_page
from tests.html import soup_of

PUBLISHED = dt.datetime(2026, 10, 8, 1, 30, tzinfo=dt.UTC)
ISO_SHANGHAI = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")
SCRIPTS = {"hans": ("zh-Hans", "zh_CN"), "hant": ("zh-Hant", "zh_TW")}


def in_script(text, script):
    return to_reading_traditional(text) if script == "hant" else text


class StructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        site_settings(site_name="青岚新闻网", publisher="青岚日报社")
        cls.column = ColumnPageFactory(parent=home, title="青岚时评", slug="qinglan")
        cls.author = AuthorFactory(
            name="林致远",
            slug="lin-zhiyuan",
            title="评论员",
            bio="长期关注城市治理。",
            photo=NewsImageFactory(file__width=600, file__height=600),
        )
        cls.with_image = ArticlePageFactory(
            parent=cls.column,
            title="把“吐槽窗口”办成回音壁" + "，" * 120,
            slug="tucao",
            first_published_at=PUBLISHED,
            lead_image=NewsImageFactory(file__width=1600, file__height=900),
            bylines=[("评论员", cls.author)],
        )
        cls.plain = ArticlePageFactory(
            parent=cls.column,
            title="没有题图",
            slug="plain",
            first_published_at=PUBLISHED + dt.timedelta(days=1),
            bylines=[("评论员", cls.author)],
        )

    def get(self, url, script="hans"):
        if script == "hant":
            self.client.cookies["zh_script"] = "hant"
        else:
            self.client.cookies.pop("zh_script", None)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return soup_of(response)

    def test_every_article_carries_the_required_fields_in_both_scripts(self):
        for script, (language, locale) in SCRIPTS.items():
            for article in (self.with_image, self.plain):
                with self.subTest(script=script, article=article.slug):
                    soup = self.get(article.url, script)
                    data = json_ld(soup, "OpinionNewsArticle")
                    self.assertLessEqual(len(data["headline"]), 110)
                    self.assertTrue(data["image"])
                    for url in data["image"]:
                        self.assertRegex(url, r"^https?://")
                    self.assertRegex(data["datePublished"], ISO_SHANGHAI)
                    self.assertRegex(data["dateModified"], ISO_SHANGHAI)
                    self.assertGreaterEqual(data["dateModified"], data["datePublished"])
                    for author in data["author"]:
                        self.assertEqual(author["@type"], "Person")
                        self.assertTrue(author["name"])
                        self.assertRegex(author["url"], r"^http://testserver/")
                    self.assertTrue(data["author"])
                    self.assertTrue(data["publisher"]["name"])
                    self.assertEqual(data["publisher"]["logo"]["@type"], "ImageObject")
                    self.assertRegex(data["publisher"]["logo"]["url"], r"^http://")
                    self.assertEqual(
                        data["mainEntityOfPage"], "http://testserver" + article.url
                    )
                    self.assertEqual(data["inLanguage"], language)
                    self.assertEqual(meta(soup, "property", "og:locale"), locale)
                    self.assertEqual(soup.html["lang"], language)
                    self.assertEqual(
                        meta(soup, "property", "og:image"), data["image"][0]
                    )

    def test_date_modified_follows_a_later_published_revision(self):
        article = ArticlePageFactory(
            parent=self.column, slug="revised", first_published_at=PUBLISHED
        )
        article.title = "改过的标题"
        article.save_revision().publish()
        data = json_ld(self.get(article.url), "OpinionNewsArticle")
        self.assertEqual(data["datePublished"], "2026-10-08T09:30:00+08:00")
        self.assertGreater(data["dateModified"], data["datePublished"])

    def test_front_page_has_website_with_search_and_news_media_organization(self):
        for script, (language, locale) in SCRIPTS.items():
            with self.subTest(script=script):
                soup = self.get("/", script)
                website = json_ld(soup, "WebSite")
                self.assertEqual(website["url"], "http://testserver/")
                self.assertEqual(website["inLanguage"], language)
                action = website["potentialAction"]
                self.assertEqual(action["@type"], "SearchAction")
                self.assertEqual(
                    action["target"]["urlTemplate"],
                    "http://testserver/search/?q={search_term_string}",
                )
                self.assertEqual(
                    action["query-input"], "required name=search_term_string"
                )
                organization = json_ld(soup, "NewsMediaOrganization")
                self.assertEqual(organization["name"], in_script("青岚日报社", script))
                self.assertEqual(organization["logo"]["@type"], "ImageObject")
                logo = organization["logo"]["url"].removeprefix("http://testserver")
                self.assertEqual(meta(soup, "property", "og:locale"), locale)
                self.assertEqual(
                    meta(soup, "property", "og:title"), in_script("青岚新闻网", script)
                )
                self.assertTrue(meta(soup, "name", "description"))
        self.assertTrue(logo.startswith("/static/img/logo"))

    def test_column_breadcrumb_ends_at_the_column_and_lists_its_articles(self):
        for script in SCRIPTS:
            with self.subTest(script=script):
                soup = self.get("/qinglan/", script)
                items = json_ld(soup, "BreadcrumbList")["itemListElement"]
                for position, item in enumerate(items, start=1):
                    self.assertEqual(item["position"], position)
                    self.assertTrue(item["name"])
                    self.assertRegex(item["item"], r"^http://testserver/")
                self.assertEqual(items[-1]["item"], "http://testserver/qinglan/")
                self.assertEqual(len(items), 2)
                listing = json_ld(soup, "ItemList")
                self.assertEqual(
                    [entry["url"] for entry in listing["itemListElement"]],
                    [
                        "http://testserver/qinglan/plain/",
                        "http://testserver/qinglan/tucao/",
                    ],
                )
                self.assertEqual(
                    [entry["position"] for entry in listing["itemListElement"]],
                    [1, 2],
                )

    def test_author_page_is_a_profile_page_of_a_person(self):
        for script, (language, _locale) in SCRIPTS.items():
            with self.subTest(script=script):
                soup = self.get("/authors/lin-zhiyuan/", script)
                profile = json_ld(soup, "ProfilePage")
                person = profile["mainEntity"]
                self.assertEqual(person["@type"], "Person")
                self.assertEqual(
                    person["url"], "http://testserver/authors/lin-zhiyuan/"
                )
                self.assertRegex(person["image"], r"^http://testserver/.+\.jpg$")
                self.assertEqual(profile["inLanguage"], language)
                items = json_ld(soup, "BreadcrumbList")["itemListElement"]
                self.assertEqual(
                    items[-1]["item"], "http://testserver/authors/lin-zhiyuan/"
                )
                self.assertEqual(meta(soup, "property", "og:title"), person["name"])

    def test_author_photo_has_a_srcset_and_loads_first(self):
        photo = self.get("/authors/lin-zhiyuan/").select_one(".author-profile__photo")
        self.assertEqual(photo["fetchpriority"], "high")
        self.assertEqual(len(photo["srcset"].split(",")), 3)
