from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from articles.models import ArticlePage, AuthorIndexPage, ColumnPage
from home.models import HomePage
from tests.articles.factories import (
    ArticlePageFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
)
from tests.articles.form_data import article_form_data
from tests.home.factories import get_home_page


class ColumnPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        ArticlePageFactory(parent=cls.column)

    def test_column_can_only_be_created_under_home(self):
        self.assertAllowedParentPageTypes(ColumnPage, {HomePage})
        self.assertCanCreateAt(HomePage, ColumnPage)

    def test_column_cannot_be_created_under_root_column_or_article(self):
        self.assertCanNotCreateAt(Page, ColumnPage)
        self.assertCanNotCreateAt(ColumnPage, ColumnPage)
        self.assertCanNotCreateAt(ArticlePage, ColumnPage)

    def test_column_only_accepts_articles(self):
        self.assertAllowedSubpageTypes(ColumnPage, {ArticlePage})

    def test_several_columns_can_exist(self):
        self.assertTrue(ColumnPage.can_create_at(get_home_page()))

    def test_column_page_renders(self):
        self.assertPageIsRenderable(self.column)

    def test_column_page_preview_works(self):
        self.assertPageIsPreviewable(self.column)


class ArticlePageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(parent=cls.column)

    def test_article_can_only_be_created_under_a_column(self):
        self.assertAllowedParentPageTypes(ArticlePage, {ColumnPage})
        self.assertCanCreateAt(ColumnPage, ArticlePage)

    def test_article_cannot_be_created_under_home(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)

    def test_article_cannot_be_created_under_root_or_author_index(self):
        self.assertCanNotCreateAt(Page, ArticlePage)
        self.assertCanNotCreateAt(AuthorIndexPage, ArticlePage)

    def test_article_is_a_leaf(self):
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)

    def test_article_page_renders(self):
        self.assertPageIsRenderable(self.article)

    def test_article_page_preview_works(self):
        data = article_form_data(self.article.title, self.article.slug)
        self.assertPageIsPreviewable(self.article, post_data=data)

    def test_article_page_edit_view_works(self):
        data = article_form_data(self.article.title, self.article.slug)
        self.assertPageIsEditable(self.article, post_data=data)


class AuthorIndexPageTreeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()

    def test_author_index_can_only_be_created_under_home(self):
        self.assertAllowedParentPageTypes(AuthorIndexPage, {HomePage})
        self.assertCanNotCreateAt(Page, AuthorIndexPage)
        self.assertCanNotCreateAt(ColumnPage, AuthorIndexPage)

    def test_author_index_is_a_leaf(self):
        self.assertAllowedSubpageTypes(AuthorIndexPage, set())

    def test_only_one_author_index_can_exist(self):
        self.assertTrue(AuthorIndexPage.can_create_at(self.home))
        AuthorIndexPageFactory(parent=self.home)
        self.assertFalse(AuthorIndexPage.can_create_at(self.home))

    def test_author_index_renders_its_list_and_author_routes(self):
        index = AuthorIndexPageFactory(parent=self.home)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(
            index, route_path="/no-such-author/", accept_404=True
        )
