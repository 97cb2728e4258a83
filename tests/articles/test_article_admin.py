from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from articles.models import ArticlePage, BylineRole
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ColumnPageFactory,
)
from tests.articles.form_data import article_form_data
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page


class ArticleAdminCreateTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page(), slug="xueyu")
        cls.reporter = AuthorFactory(name="陈鑫远", slug="chen-xinyuan")
        cls.commentator = AuthorFactory(name="王五", slug="wang-wu")
        cls.editor = UserFactory(first_name="扎西", last_name="索朗")

    def setUp(self):
        self.login()  # a superuser

    def create_article(self, **fields):
        data = article_form_data(
            "开好吐槽窗",
            "kai-hao-tu-cao-chuang",
            body=[
                (
                    "thesis",
                    {"lead": "推动开门纳谏。", "text": "拓宽民意渠道。"},
                ),
                ("subheading", "让服务跑在需求前面"),
                ("paragraph", rich_text("<p>基层服务的好坏,群众心里有一杆秤。</p>")),
            ],
            bylines=[
                (BylineRole.objects.get(name="记者"), self.reporter),
                (BylineRole.objects.get(name="评论员"), self.commentator),
            ],
            **fields,
        )
        self.assertCanCreate(self.column, ArticlePage, data)
        return ArticlePage.objects.child_of(self.column).get(
            slug="kai-hao-tu-cao-chuang"
        )

    def test_article_can_be_created_and_published_through_the_admin(self):
        article = self.create_article(kicker="【地评线】")
        self.assertTrue(article.live)
        self.assertIsNotNone(article.first_published_at)
        self.assertEqual(article.kicker, "【地评线】")

    def test_admin_form_saves_the_body_blocks_in_order(self):
        article = self.create_article()
        self.assertEqual(
            [block.block_type for block in article.body],
            ["thesis", "subheading", "paragraph"],
        )
        self.assertEqual(article.body[0].value["lead"], "推动开门纳谏。")
        self.assertEqual(article.body[0].value["text"], "拓宽民意渠道。")
        self.assertIn("群众心里有一杆秤", article.body[2].value.source)
        self.assertEqual(article.body[1].value, "让服务跑在需求前面")

    def test_admin_form_saves_the_bylines_in_order_with_roles(self):
        article = self.create_article()
        self.assertEqual(
            [(b.role.name, b.author.name) for b in article.bylines.all()],
            [("记者", "陈鑫远"), ("评论员", "王五")],
        )

    def test_admin_form_saves_publication_fields(self):
        article = self.create_article(
            responsible_editor=self.editor.pk,
            disclaimer="仅代表作者个人观点。",
        )
        self.assertEqual(article.responsible_editor, self.editor)
        self.assertEqual(article.responsible_editor_name, "索朗扎西")
        self.assertEqual(article.disclaimer, "仅代表作者个人观点。")

    def test_article_cannot_be_added_under_home_through_the_admin(self):
        data = article_form_data("放错地方", "misplaced")
        data["action-publish"] = "action-publish"
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["articles", "articlepage", get_home_page().pk],
        )
        response = self.client.post(add_url, data)
        # Wagtail answers "permission denied" with a redirect to the dashboard.
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertFalse(ArticlePage.objects.filter(slug="misplaced").exists())


class ArticlePreviewTests(WagtailPageTestCase):
    """Editors preview unsaved changes: tags and pinned articles exist only in
    the form, not yet in the database."""

    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.pinned = ArticlePageFactory(parent=cls.column, title="置顶文章")
        cls.article = ArticlePageFactory(parent=cls.column, title="已有文章")

    def setUp(self):
        self.login()

    def form_data(self, title, slug):
        data = article_form_data(title, slug, tags="民生, 服务")
        data.update(
            nested_form_data(
                {"pinned_related": inline_formset([{"article": self.pinned.pk}])}
            )
        )
        return data

    def preview(self, preview_url, data):
        response = self.client.post(preview_url, data)
        self.assertEqual(response.status_code, 200)
        self.assertJSONEqual(
            response.content.decode(), {"is_valid": True, "is_available": True}
        )
        response = self.client.get(preview_url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_new_article_with_tags_and_pinned_reading_can_be_previewed(self):
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["articles", "articlepage", self.column.pk],
        )
        response = self.preview(preview_url, self.form_data("新文章", "xin-wen-zhang"))
        self.assertContains(response, "新文章")
        self.assertContains(response, self.pinned.url)

    def test_edited_article_with_tags_and_pinned_reading_can_be_previewed(self):
        preview_url = reverse(
            "wagtailadmin_pages:preview_on_edit", args=[self.article.pk]
        )
        response = self.preview(preview_url, self.form_data("改过的标题", "edited"))
        self.assertContains(response, "改过的标题")
        self.assertContains(response, self.pinned.url)
