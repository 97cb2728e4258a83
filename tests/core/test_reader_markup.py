"""What the outside audit (make audit: Lighthouse, axe-core, the Nu
checker) found on the reader pages, checked on the rendered markup."""

from pathlib import Path

from django.test import TestCase

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.core.test_seo import meta
from tests.home.factories import get_home_page
from tests.html import soup_of

NGINX_TEMPLATE = Path(__file__).parents[2] / "deploy/nginx/newsroom.conf.template"


class ReaderMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        AuthorIndexPageFactory(parent=home)
        column = ColumnPageFactory(parent=home, slug="qinglan")
        cls.article = ArticlePageFactory(parent=column, slug="one", standfirst="")

    def soup(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        return soup_of(response)

    def test_every_page_kind_has_an_icon_and_a_meta_description(self):
        for url, status in (
            ("/", 200),
            ("/qinglan/", 200),
            ("/qinglan/one/", 200),
            ("/search/?q=民生", 200),
            ("/search/", 200),
            ("/feedback/figures/", 200),
            ("/no-such-page/", 404),
        ):
            with self.subTest(url=url):
                soup = self.soup(url, status)
                self.assertTrue(soup.select_one('link[rel="icon"]')["href"])
                self.assertTrue(meta(soup, "name", "description"))

    def test_favicon_ico_leads_to_the_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_front_page_og_title_is_the_site_name(self):
        soup = self.soup("/")
        self.assertEqual(
            meta(soup, "property", "og:title"), soup.select_one("h1").get_text()
        )

    def test_robots_txt_lets_crawlers_see_the_public_figures(self):
        lines = self.client.get("/robots.txt").content.decode().splitlines()
        self.assertLess(
            lines.index("Allow: /feedback/figures/"),
            lines.index("Disallow: /feedback/"),
        )

    def test_share_bar_is_a_labelled_group_with_one_control_per_label(self):
        bar = self.soup("/qinglan/one/").select_one(".share-bar")
        self.assertEqual(bar["role"], "group")
        self.assertTrue(bar["aria-label"])
        for label in bar.select("label"):
            self.assertEqual(len(label.select("input, button, select, textarea")), 0)
            self.assertIsNotNone(bar.select_one(f"#{label['for']}"))
        button = bar.select_one("button[data-copy-target]")
        self.assertEqual(button["data-copied-text"], "已复制")
        self.assertEqual(button["data-copy-fallback-text"], "请按 Ctrl+C 复制")

    def test_share_bar_words_follow_the_traditional_script(self):
        self.client.cookies["zh_script"] = "hant"
        button = self.soup("/qinglan/one/").select_one("button[data-copy-target]")
        self.assertEqual(button["data-copied-text"], "已複製")

    def test_search_forms_have_distinct_names(self):
        forms = self.soup("/search/?q=民生").select("form[role=search]")
        self.assertEqual(len(forms), 2)
        names = [
            form.get("aria-label") or form.get("aria-labelledby") for form in forms
        ]
        self.assertTrue(all(names))
        self.assertEqual(len(set(names)), 2)

    def test_figures_tables_scroll_from_the_keyboard(self):
        wraps = self.soup("/feedback/figures/").select(".figures__table-wrap")
        self.assertTrue(wraps)
        for wrap in wraps:
            self.assertEqual(wrap["tabindex"], "0")
            self.assertEqual(wrap["role"], "region")
            self.assertTrue(wrap["aria-labelledby"])

    def test_feedback_stylesheet_only_where_feedback_is_shown(self):
        def head_sheets(soup):
            return [link["href"] for link in soup.head.select("link[rel=stylesheet]")]

        for url in ("/", "/qinglan/", "/search/?q=民生", "/authors/"):
            with self.subTest(url=url):
                soup = self.soup(url)
                self.assertFalse(any("feedback" in h for h in head_sheets(soup)))
        self.assertTrue(
            any("feedback" in h for h in head_sheets(self.soup("/feedback/figures/")))
        )

    def test_nginx_compresses_proxied_pages(self):
        template = NGINX_TEMPLATE.read_text()
        self.assertIn("gzip on;", template)
        self.assertIn("gzip_proxied any;", template)
