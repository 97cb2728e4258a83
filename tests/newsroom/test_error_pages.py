from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.views.defaults import server_error

from tests.core.factories import site_settings
from tests.html import one, soup_of, text_of


class NotFoundPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        site_settings(site_name="雪域时评网", hotline="0891-6325020")

    def test_missing_page_answers_404(self):
        response = self.client.get("/no-such-page/")
        self.assertEqual(response.status_code, 404)

    def test_404_page_uses_the_sites_styled_template(self):
        response = self.client.get("/no-such-page/")
        self.assertTemplateUsed(response, "404.html")
        soup = soup_of(response)
        header = one(soup, "header.site-header")
        self.assertIn("0891-6325020", text_of(header))
        one(soup, "footer.site-footer")

    def test_404_page_links_back_home(self):
        soup = soup_of(self.client.get("/no-such-page/"))
        self.assertIsNotNone(soup.find("a", href="/"))


def test_500_page_renders_without_a_database():
    # No django_db mark: any query would raise and fail the test.
    html = render_to_string("500.html")
    soup = soup_of(html)
    assert soup.find("html") is not None
    assert soup.find("title") is not None
    assert soup.find("a", href="/") is not None


def test_500_page_loads_no_third_party_assets():
    soup = soup_of(render_to_string("500.html"))
    for tag, attribute in (("script", "src"), ("link", "href")):
        for element in soup.find_all(tag, **{attribute: True}):
            assert element[attribute].startswith("/static/"), element


def test_django_server_error_view_serves_the_500_template():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert soup_of(response).find("title") is not None
