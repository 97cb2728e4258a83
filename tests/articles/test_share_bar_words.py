"""The share bar's copy button speaks through the page: static/js/share.js
holds no words of its own and shows the ones the template rendered into
data attributes, so a 繁體 page (converted on its way out) gets Traditional
characters and the cached page and script need no catalog request."""

import re
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.home.factories import get_home_page
from tests.html import soup_of

SHARE_JS = Path(settings.BASE_DIR) / "static/js/share.js"
CJK = re.compile(r"[\u3400-\u9fff]")


class ShareBarWordsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page(), slug="qinglan")
        ArticlePageFactory(parent=column, slug="one")

    def copy_button(self):
        response = self.client.get("/qinglan/one/")
        self.assertEqual(response.status_code, 200)
        return soup_of(response).select_one(".share-bar button[data-copy-target]")

    def test_simplified_page_gives_the_script_its_words(self):
        button = self.copy_button()
        self.assertEqual(button["data-copied-text"], "已复制")
        self.assertEqual(button["data-copy-fallback-text"], "请按 Ctrl+C 复制")

    def test_traditional_page_gives_the_script_traditional_words(self):
        self.client.cookies["zh_script"] = "hant"
        button = self.copy_button()
        self.assertEqual(button["data-copied-text"], "已複製")
        self.assertEqual(button["data-copy-fallback-text"], "請按 Ctrl+C 複製")
        self.assertEqual(button.get_text(strip=True), "複製鏈接")

    def test_the_script_has_no_words_of_its_own(self):
        source = SHARE_JS.read_text(encoding="utf-8")
        code = "\n".join(
            line for line in source.splitlines() if not line.lstrip().startswith("//")
        )
        self.assertFalse(CJK.findall(code))
        self.assertIn("button.dataset.copiedText", code)
        self.assertIn("button.dataset.copyFallbackText", code)
        # Strings a reader could see come from the page, not from literals.
        self.assertNotRegex(code, r"textContent\s*=\s*[\"'`]")
