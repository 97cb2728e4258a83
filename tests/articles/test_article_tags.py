from django.template import Context, Template
from django.test import RequestFactory, TestCase

from tests.articles.factories import AuthorFactory, AuthorIndexPageFactory
from tests.home.factories import get_home_page


class AuthorUrlTagTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = get_home_page()
        cls.author = AuthorFactory(slug="chen-xinyuan")

    def render(self, source, **context):
        request = RequestFactory().get("/")
        return Template("{% load article_tags %}" + source).render(
            Context({"request": request, **context})
        )

    def test_author_url_is_empty_without_an_author_index(self):
        self.assertEqual(self.render("{% author_url author %}", author=self.author), "")

    def test_author_url_points_under_the_author_index(self):
        AuthorIndexPageFactory(parent=self.home)
        self.assertEqual(
            self.render("{% author_url author %}", author=self.author),
            "/authors/chen-xinyuan/",
        )
