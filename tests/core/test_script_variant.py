from django.test import TestCase
from wagtail.rich_text import RichText

from articles.models import ArticlePage
from core.script_variant import COOKIE_NAME
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.html import soup_of, text_of


class ScriptToggleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page(), title="民生观察", slug="col")
        cls.article = ArticlePageFactory(
            parent=column,
            title="让群众办事更方便",
            slug="one",
            body=[("paragraph", RichText("<p>服务窗口要听得进意见。</p>"))],
        )

    def choose(self, script, next_url="/col/one/"):
        return self.client.get(f"/script/{script}/", {"next": next_url})

    def test_choosing_traditional_remembers_it_and_goes_back(self):
        response = self.choose("hant")
        self.assertRedirects(response, "/col/one/", fetch_redirect_response=False)
        self.assertEqual(response.cookies[COOKIE_NAME].value, "hant")
        self.assertGreater(response.cookies[COOKIE_NAME]["max-age"], 30 * 86400)
        self.assertIn("no-cache", response["Cache-Control"])

    def test_traditional_pages_are_converted_and_declare_their_language(self):
        self.choose("hant")
        response = self.client.get("/col/one/")
        soup = soup_of(response)
        self.assertEqual(soup.html["lang"], "zh-Hant")
        self.assertEqual(response["Content-Language"], "zh-Hant")
        self.assertIn("讓群眾辦事更方便", text_of(soup.select_one("h1")))
        self.assertIn(
            "服務窗口要聽得進意見。", text_of(soup.select_one(".article__body"))
        )

    def test_stored_content_never_changes(self):
        self.choose("hant")
        self.client.get("/col/one/")
        article = ArticlePage.objects.get(pk=self.article.pk)
        self.assertEqual(article.title, "让群众办事更方便")
        self.assertIn("服务窗口", str(article.body))

    def test_simplified_is_the_default_and_can_be_chosen_back(self):
        soup = soup_of(self.client.get("/col/one/"))
        self.assertEqual(soup.html["lang"], "zh-Hans")
        self.assertIn("让群众办事更方便", text_of(soup.select_one("h1")))
        self.choose("hant")
        self.choose("hans")
        soup = soup_of(self.client.get("/col/one/"))
        self.assertEqual(soup.html["lang"], "zh-Hans")

    def test_responses_vary_on_the_cookie_so_caches_keep_both_scripts_apart(self):
        response = self.client.get("/col/one/")
        self.assertIn("Cookie", response["Vary"])

    def test_what_a_reader_typed_is_not_converted(self):
        self.choose("hant")
        soup = soup_of(self.client.get("/search/", {"q": "群众 服务"}))
        self.assertEqual(soup.select_one("#search-page-input")["value"], "群众 服务")

    def test_toggle_link_is_on_every_page_and_points_back_here(self):
        soup = soup_of(self.client.get("/col/one/"))
        link = soup.select_one(".script-toggle a")
        self.assertEqual(text_of(link), "繁體")
        self.assertEqual(link["href"], "/script/hant/?next=/col/one/")

    def test_foreign_or_unknown_targets_are_refused(self):
        response = self.choose("hant", next_url="https://evil.example/")
        self.assertEqual(response["Location"], "/")
        self.assertEqual(self.client.get("/script/klingon/").status_code, 400)

    def test_admin_is_never_converted(self):
        self.client.cookies[COOKIE_NAME] = "hant"
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("zh-Hant", response.get("Content-Language", ""))
        self.assertIn("登录", response.content.decode())
