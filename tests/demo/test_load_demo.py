import json
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import clear_url_caches
from wagtail.images import get_image_model
from wagtail.models import WorkflowPage

from articles.models import ArticlePage, Author, ColumnPage, Source

DESK_URLS = "tests.demo.urls_desk_admin"  # the admin under /desk/ (WAGTAILADMIN_PATH)
DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "data"


def demo_counts() -> dict[str, int]:
    return {
        "articles": ArticlePage.objects.count(),
        "columns": ColumnPage.objects.count(),
        "authors": Author.objects.count(),
        "sources": Source.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class LoadDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with override_settings(
            WAGTAILADMIN_BASE_URL="http://127.0.0.1:8201", ROOT_URLCONF=DESK_URLS
        ):
            clear_url_caches()
            cls.first_output = load_demo()
        clear_url_caches()
        cls.summary = cls.first_output[cls.first_output.index("Demo ready") :]
        cls.after_first_run = demo_counts()
        cls.second_output = load_demo()
        cls.after_second_run = demo_counts()
        cls.demo_articles = json.loads(
            (DEMO_DATA / "articles.json").read_text(encoding="utf-8")
        )

    def test_loading_twice_creates_nothing_twice(self):
        self.assertEqual(self.after_second_run, self.after_first_run)

    def test_demo_has_enough_content_to_show_every_page_type(self):
        counts = self.after_first_run
        self.assertGreaterEqual(counts["columns"], 3)
        self.assertGreaterEqual(counts["articles"], 15)
        self.assertGreaterEqual(counts["authors"], 6)
        self.assertGreaterEqual(counts["sources"], 2)
        self.assertGreaterEqual(counts["images"], 1)

    def test_demo_has_a_superuser_called_admin(self):
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser)
        self.assertTrue(admin.is_staff)

    def test_every_article_in_the_demo_data_is_loaded(self):
        slugs = set(ArticlePage.objects.values_list("slug", flat=True))
        self.assertEqual({item["slug"] for item in self.demo_articles} - slugs, set())

    def test_every_demo_article_is_live_and_public(self):
        articles = ArticlePage.objects.all()
        self.assertEqual(
            set(articles.values_list("pk", flat=True)),
            set(articles.live().public().values_list("pk", flat=True)),
        )

    def test_every_demo_article_renders(self):
        for article in ArticlePage.objects.live():
            with self.subTest(article=article.slug):
                response = self.client.get(article.url)
                self.assertEqual(response.status_code, 200)

    def test_home_column_and_author_pages_render(self):
        urls = ["/", "/authors/"]
        urls += [column.url for column in ColumnPage.objects.live()]
        urls += [f"/authors/{author.slug}/" for author in Author.objects.all()]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_demo_site_settings_are_filled_in(self):
        response = self.client.get("/")
        self.assertContains(response, "新闻热线")

    def test_loader_reports_progress_then_a_summary(self):
        self.assertIn("Demo ready", self.first_output)
        self.assertIn("[1/", self.first_output)
        self.assertNotIn("[1/", self.second_output, "nothing new the second time")

    def test_summary_names_the_admin_url_and_each_demo_user_with_their_role(self):
        self.assertIn("Admin: http://127.0.0.1:8201/desk/\n", self.summary)
        self.assertIn("writer     撰稿人 林晓雨", self.summary)
        self.assertIn("feedback   反馈处理员 苏一禾", self.summary)
        self.assertNotIn("/admin/", self.summary)

    def test_demo_writer_and_editor_byline_as_their_own_authors(self):
        for username, name in (("writer", "林晓雨"), ("editor", "周明哲")):
            author = Author.objects.get(user__username=username)
            self.assertEqual(author.name, name)
        self.assertEqual(Author.objects.get(user__username="writer").slug, "lin-xiaoyu")

    def test_demo_users_have_their_roles_columns_and_review_chains(self):
        users = {user.username: user for user in get_user_model().objects.all()}
        columns = {column.slug: column for column in ColumnPage.objects.all()}
        groups = set(users["writer"].groups.values_list("name", flat=True))
        self.assertEqual(
            groups,
            {"撰稿人", "青岚时评·撰稿人", "民生观察·撰稿人"},
        )
        self.assertIn(
            "民生观察·编辑", users["editor"].groups.values_list("name", flat=True)
        )
        for username, role in [("deputy", "副总编辑"), ("chief", "总编辑")]:
            self.assertTrue(users[username].groups.filter(name=role).exists())
        chains = {
            page.slug: page.get_workflow().name
            for page in (columns["qinglan-shiping"], columns["minsheng-guancha"])
        }
        self.assertEqual(
            chains, {"qinglan-shiping": "三审", "minsheng-guancha": "二审"}
        )
        self.assertTrue(
            WorkflowPage.objects.filter(page=columns["qinglan-shiping"]).exists()
        )
        editor = users["editor"]
        self.assertTrue(
            all(
                article.responsible_editor == editor
                for article in ArticlePage.objects.all()
            )
        )


class DemoDatesTests(TestCase):
    """Lists sort and group by listed_at: the demo's publish dates must reach
    it, on the first load and on a re-run over an older load."""

    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_every_article_is_listed_on_its_publish_date(self):
        for article in ArticlePage.objects.all():
            with self.subTest(article=article.slug):
                self.assertEqual(
                    article.listed_at,
                    article.display_date or article.first_published_at,
                )

    def test_the_demo_spreads_over_several_months(self):
        months = {
            (a.listed_at.year, a.listed_at.month) for a in ArticlePage.objects.all()
        }
        self.assertGreater(len(months), 1)

    def test_a_re_run_repairs_dates_left_stale_by_an_older_load(self):
        article = ArticlePage.objects.first()
        right = article.listed_at
        ArticlePage.objects.filter(pk=article.pk).update(
            listed_at=right.replace(year=right.year + 1)
        )
        load_demo()
        article.refresh_from_db()
        self.assertEqual(article.listed_at, right)
