from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page

from articles.models import ArticlePage


def generate(count, seed=7):
    out = StringIO()
    call_command(
        "generate_articles", count=count, seed=seed, batch_size=4, authors=5, stdout=out
    )
    return out.getvalue()


class GenerateArticlesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = generate(10)
        cls.generated = list(
            ArticlePage.objects.filter(slug__startswith="gen1-s7-").order_by("slug")
        )

    def test_builds_the_requested_number_of_live_articles_in_a_sound_tree(self):
        self.assertEqual(len(self.generated), 10)
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        self.assertIn("10/10", self.output)

    def test_articles_are_complete_pages_readers_can_open(self):
        article = self.generated[3]
        self.assertTrue(article.live)
        self.assertEqual(article.live_revision, article.latest_revision)
        self.assertEqual(article.latest_revision.content["title"], article.title)
        self.assertTrue(article.bylines.exists())
        self.assertTrue(article.tags.exists())
        response = self.client.get(article.url)
        self.assertContains(response, article.title)

    def test_articles_are_in_the_search_index(self):
        article = self.generated[0]
        found = ArticlePage.objects.live().search(article.title[:6], operator="and")
        self.assertIn(article.pk, [page.pk for page in found])

    def test_running_again_reuses_what_exists_and_adds_only_the_missing(self):
        self.assertIn("reusing", generate(10))
        generate(12)
        self.assertEqual(
            ArticlePage.objects.filter(slug__startswith="gen1-s7-").count(), 12
        )
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_same_seed_gives_the_same_text(self):
        titles = [page.title for page in self.generated]
        ArticlePage.objects.filter(slug__startswith="gen1-s7-").delete()
        generate(10)
        again = ArticlePage.objects.filter(slug__startswith="gen1-s7-").order_by("slug")
        self.assertEqual([page.title for page in again], titles)
