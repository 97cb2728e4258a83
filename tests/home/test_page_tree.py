from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticlePage, AuthorIndexPage, ColumnPage
from home.models import HomePage
from tests.home.factories import get_home_page, get_root_page


class HomePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()

    def test_migration_makes_home_page_the_default_sites_root(self):
        self.assertEqual(self.home.get_site().root_page_id, self.home.pk)
        self.assertTrue(self.home.get_site().is_default_site)
        self.assertEqual(self.home.get_parent().pk, get_root_page().pk)

    def test_home_page_can_only_be_created_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_cannot_be_created_under_its_own_children(self):
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(ColumnPage, HomePage)
        self.assertCanNotCreateAt(ArticlePage, HomePage)

    def test_second_home_page_cannot_be_created(self):
        self.assertEqual(HomePage.objects.count(), 1)
        self.assertFalse(HomePage.can_create_at(get_root_page()))

    def test_home_page_accepts_columns_and_the_author_index(self):
        self.assertAllowedSubpageTypes(HomePage, {ColumnPage, AuthorIndexPage})

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)

    def test_home_page_preview_works(self):
        self.assertPageIsPreviewable(self.home)
