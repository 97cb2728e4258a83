from django.test import TestCase

from tests.articles.factories import (
    ArticlePageFactory,
    AuthorFactory,
    AuthorIndexPageFactory,
    ColumnPageFactory,
    make_private,
)
from tests.home.factories import get_home_page
from tests.html import hrefs, soup_of


class AuthorPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = get_home_page()
        cls.index = AuthorIndexPageFactory(parent=home)
        column = ColumnPageFactory(parent=home)
        cls.author = AuthorFactory(name="陈鑫远", slug="chen-xinyuan", title="记者")
        cls.other_author = AuthorFactory(name="王评", slug="wang-ping")
        cls.authored = [
            ArticlePageFactory(parent=column, bylines=[("记者", cls.author)]),
            ArticlePageFactory(
                parent=column,
                # Credited twice (words and photos): still listed once.
                bylines=[
                    ("评论员", cls.other_author),
                    ("记者", cls.author),
                    ("摄影", cls.author),
                ],
            ),
        ]
        cls.draft = ArticlePageFactory(
            parent=column, live=False, bylines=[("记者", cls.author)]
        )
        cls.private = ArticlePageFactory(parent=column, bylines=[("记者", cls.author)])
        make_private(cls.private)
        cls.someone_elses = ArticlePageFactory(
            parent=column, bylines=[("作者", cls.other_author)]
        )

    def test_author_index_lives_at_authors(self):
        self.assertEqual(self.index.url, "/authors/")

    def test_author_list_links_every_author(self):
        response = self.client.get("/authors/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "陈鑫远")
        self.assertContains(response, "王评")
        links = hrefs(soup_of(response))
        self.assertIn("/authors/chen-xinyuan/", links)
        self.assertIn("/authors/wang-ping/", links)

    def test_author_page_shows_the_author(self):
        response = self.client.get("/authors/chen-xinyuan/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "陈鑫远")

    def test_author_page_lists_the_authors_live_articles(self):
        links = hrefs(soup_of(self.client.get("/authors/chen-xinyuan/")))
        for article in self.authored:
            self.assertIn(article.url, links)

    def test_author_page_lists_each_article_once(self):
        links = hrefs(soup_of(self.client.get("/authors/chen-xinyuan/")))
        for article in self.authored:
            self.assertEqual(links.count(article.url), 1)

    def test_author_page_hides_drafts_private_and_others_articles(self):
        response = self.client.get("/authors/chen-xinyuan/")
        links = hrefs(soup_of(response))
        for article in (self.draft, self.private, self.someone_elses):
            self.assertNotIn(article.url, links)
            self.assertNotContains(response, article.title)

    def test_unknown_author_is_not_found(self):
        response = self.client.get("/authors/no-such-author/")
        self.assertEqual(response.status_code, 404)

    def test_author_route_rejects_non_slug_paths(self):
        response = self.client.get("/authors/chen-xinyuan/extra/")
        self.assertEqual(response.status_code, 404)
