"""The article editor speaks each staff member's language (their Wagtail
profile): panel headings, field labels, help texts, block labels and the
form's own validation messages are English source with a Chinese catalog."""

import json
import re

from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.articles.form_data import article_form_data
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page
from tests.html import soup_of

CJK = re.compile(r"[\u3400-\u9fff]")

# (English, Chinese) for what the article's edit form shows.
HEADINGS = [("Lead image", "题图"), ("Publication details", "发布信息")]
HEADINGS += [("Reprint", "转载"), ("Bylines", "署名")]
HEADINGS += [("Related reading (pinned)", "相关阅读(置顶)")]
LABELS = [("Kicker", "眉题"), ("Lead image alt text", "题图替代文字")]
LABELS += [("Lead image is decorative", "题图仅为装饰"), ("Display date", "显示时间")]
LABELS += [("Responsible editor", "责任编辑"), ("Original title", "原标题")]
HELP_TEXTS = [
    ("Empty: the time of first publication", "留空则显示首次发布时间"),
    ("Empty: the column's default disclaimer", "留空则用栏目的默认免责声明"),
    (
        "Tick when the picture carries no content: screen readers then skip it",
        "图片不传达内容时勾选,读屏软件将跳过它",
    ),
]
BLOCK_LABELS = [
    ("Paragraph", "段落"),
    ("Thesis paragraph", "论点段落"),
    ("Subheading", "小标题"),
    ("Quotation", "引文"),
    ("Numbered list", "编号列表"),
]


def admin_user(language):
    user = UserFactory(is_superuser=True, is_staff=True, username=f"admin-{language}")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


class ArticleEditorLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.english = admin_user("en")
        cls.chinese = admin_user("zh-hans")
        cls.column = ColumnPageFactory(parent=get_home_page(), slug="qinglan")
        cls.article = ArticlePageFactory(parent=cls.column, slug="one")

    def edit_page(self, user):
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:edit", args=[self.article.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def block_labels(self, response) -> str:
        """The body's block definitions (labels, help texts, descriptions)
        as the stream editor reads them, JSON escapes decoded."""
        soup = soup_of(response)
        values = [
            value
            for tag in soup.select("[data-w-block-data-value]")
            for value in [tag["data-w-block-data-value"]]
        ]
        self.assertTrue(values, "no block definitions on the form")
        return json.dumps([json.loads(value) for value in values], ensure_ascii=False)

    @staticmethod
    def panel_texts(response) -> str:
        soup = soup_of(response)
        texts = soup.select(
            ".w-panel__heading, label, .help, .w-field__help, [data-field-help]"
        )
        return "\n".join(tag.get_text(" ", strip=True) for tag in texts)

    def test_an_english_editor_reads_the_form_in_english(self):
        response = self.edit_page(self.english)
        texts = self.panel_texts(response)
        for english, chinese in HEADINGS + LABELS + HELP_TEXTS:
            with self.subTest(english=english):
                self.assertIn(english, texts)
                self.assertNotIn(chinese, texts)
        blocks = self.block_labels(response)
        for english, _chinese in BLOCK_LABELS:
            self.assertIn(f'"{english}"', blocks)
        # Every panel heading, label and help text on the article's form is
        # English; the sample content of block previews is data.
        self.assertFalse(CJK.findall(texts), texts)
        self.assertNotIn('"label": "正文"', blocks)

    def test_a_chinese_editor_reads_the_same_form_in_chinese(self):
        response = self.edit_page(self.chinese)
        texts = self.panel_texts(response)
        for _english, chinese in HEADINGS + LABELS + HELP_TEXTS:
            with self.subTest(chinese=chinese):
                self.assertIn(chinese, texts)
        blocks = self.block_labels(response)
        for english, chinese in BLOCK_LABELS:
            self.assertIn(f'"{chinese}"', blocks)
            self.assertNotIn(f'"{english}"', blocks)

    def post_reprint_without_original(self, user):
        self.client.force_login(user)
        url = reverse(
            "wagtailadmin_pages:add",
            args=("articles", "articlepage", self.column.pk),
        )
        data = article_form_data("转载测试", "reprint-test", is_reprint="on")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_validation_messages_follow_the_editor_language(self):
        english = self.post_reprint_without_original(self.english)
        self.assertIn("A reprint needs its original title.", english)
        self.assertNotIn("转载稿须填写原标题。", english)
        chinese = self.post_reprint_without_original(self.chinese)
        self.assertIn("转载稿须填写原标题。", chinese)
        self.assertNotIn("A reprint needs its original title.", chinese)

    def test_withdrawal_confirmation_in_each_language(self):
        url = reverse("articles_withdrawal", args=(self.article.pk, "retract"))
        self.client.force_login(self.english)
        english = self.client.get(url).content.decode()
        self.assertIn("Yes, retract it", english)
        self.assertIn("Reason for the retraction (public)", english)
        self.client.force_login(self.chinese)
        chinese = self.client.get(url).content.decode()
        self.assertIn("确认撤稿", chinese)
        self.assertIn("撤稿原因(公开)", chinese)
        self.assertIn(f"撤稿后，《{self.article.title}》的原网址只显示标题", chinese)

    def test_withdrawal_permissions_in_each_language(self):
        """The permissions' stored names are the English source (migration
        0010), which Wagtail's group editor translates."""
        group = Group.objects.create(name="Permission names")
        url = reverse("wagtailusers_groups:edit", args=[group.pk])
        self.client.force_login(self.english)
        english = self.client.get(url).content.decode()
        self.assertIn("Can retract articles (with a public reason)", english)
        self.assertIn("Can take articles down", english)
        self.client.force_login(self.chinese)
        chinese = self.client.get(url).content.decode()
        self.assertIn("可撤稿(公开撤稿原因)", chinese)
        self.assertIn("可恢复已撤稿或下线的文章", chinese)
        self.assertNotIn("Can take articles down", chinese)
