from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from articles.forms import LEAD_IMAGE_ALT_MISSING
from articles.models import ArticlePage
from tests.articles.factories import ColumnPageFactory
from tests.articles.form_data import article_form_data
from tests.core.factories import NewsImageFactory
from tests.home.factories import get_home_page


class LeadImageAltTextTests(WagtailPageTestCase):
    """Every lead image is described for screen readers or marked decorative."""

    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.undescribed = NewsImageFactory(title="IMG_0042", description="")
        cls.described = NewsImageFactory(description="窗口前排队的市民")

    def setUp(self):
        self.login()

    def post(self, **fields):
        url = reverse(
            "wagtailadmin_pages:add",
            args=("articles", "articlepage", self.column.pk),
        )
        data = article_form_data("题图测试", "ti-tu", **fields)
        return self.client.post(url, data)

    def test_image_without_any_description_is_refused_with_a_message(self):
        response = self.post(lead_image=self.undescribed.pk)
        self.assertEqual(response.status_code, 200)
        self.assertIn(str(LEAD_IMAGE_ALT_MISSING), response.content.decode())
        self.assertFalse(ArticlePage.objects.filter(slug="ti-tu").exists())

    def test_alt_text_on_the_article_is_enough(self):
        self.post(lead_image=self.undescribed.pk, lead_image_alt="窗口")
        page = ArticlePage.objects.get(slug="ti-tu")
        self.assertEqual(page.lead_image_alt_text, "窗口")

    def test_description_in_the_image_library_is_enough(self):
        self.post(lead_image=self.described.pk)
        page = ArticlePage.objects.get(slug="ti-tu")
        self.assertEqual(page.lead_image_alt_text, "窗口前排队的市民")

    def test_decorative_image_needs_no_text_and_gets_empty_alt(self):
        self.post(lead_image=self.undescribed.pk, lead_image_decorative="on")
        page = ArticlePage.objects.get(slug="ti-tu")
        self.assertEqual(page.lead_image_alt_text, "")
