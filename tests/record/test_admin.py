"""The record in the admin: an article's published versions, two of them
side by side, and the ZIP export for a legal request; only for those who
cover the article's column."""

import hashlib
import io
import json
import zipfile

from django.test import TestCase
from django.urls import reverse
from wagtail.log_actions import LogContext

from record.models import Entry
from tests.articles.factories import ArticlePageFactory
from tests.corrections.factories import approved
from tests.editorial.newsroom import build_newsroom, is_refused
from tests.html import soup_of


class RecordAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.article = ArticlePageFactory(
            parent=newsroom.three_step,
            title="把民意渠道修得更宽",
            bylines=[("记者", newsroom.author)],
        )
        with LogContext(user=newsroom.chief):
            cls.article.save_revision().publish()
            cls.article.title = "把民意渠道修得更宽一些"
            cls.article.save_revision().publish()
        approved(cls.article, newsroom.editor, text="第二段的数字应为一千二百。")

    def login(self, username):
        self.client.force_login(self.newsroom.users[username])

    def url(self, name, **query):
        url = reverse(f"record:{name}", args=[self.article.pk])
        if query:
            url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
        return url

    def test_the_versions_are_listed_newest_first_with_the_chain_state(self):
        self.login("editor")
        soup = soup_of(self.client.get(self.url("versions")))
        rows = [row.get_text(" ", strip=True) for row in soup.select("tbody tr")]
        self.assertEqual(len(rows), 3)
        self.assertIn("更正/追记", rows[0])
        self.assertIn("发布", rows[2])
        self.assertIn("哈希链完整", soup.get_text())

    def test_the_article_header_links_to_its_record(self):
        self.login("editor")
        html = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.article.pk])
        ).content.decode()
        self.assertIn(self.url("versions"), html)

    def test_two_versions_side_by_side(self):
        self.login("editor")
        response = self.client.get(self.url("compare", a=1, b=3))
        self.assertEqual(response.status_code, 200)
        soup = soup_of(response)
        changed = soup.select_one(".record__row--changed")
        self.assertIn("把民意渠道修得更宽", changed.get_text())
        self.assertEqual(changed.select_one("ins").get_text(), "一些")
        added = [row.get_text() for row in soup.select(".record__row--added")]
        self.assertIn("第二段的数字应为一千二百。", "".join(added))

    def test_comparing_an_unknown_version_is_404(self):
        self.login("editor")
        self.assertEqual(
            self.client.get(self.url("compare", a=1, b=9)).status_code, 404
        )

    def test_the_export_holds_every_entry_its_hashes_and_checksums(self):
        self.login("chief")
        response = self.client.get(self.url("export"))
        self.assertEqual(response["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        names = set(archive.namelist())
        self.assertIn("entries/0001-publish.html", names)
        self.assertIn("entries/0003-correction.json", names)
        chain = json.loads(archive.read("chain.json"))
        self.assertEqual(chain["result"], "intact")
        entries = list(Entry.objects.filter(page_id=self.article.pk))
        self.assertEqual(
            [item["entry_sha256"] for item in chain["entries"]],
            [entry.entry_sha256 for entry in entries],
        )
        for line in archive.read("SHA256SUMS").decode().splitlines():
            digest, name = line.split("  ")
            self.assertEqual(hashlib.sha256(archive.read(name)).hexdigest(), digest)

    def test_only_those_covering_the_column_may_read_the_record(self):
        for username in ("writer", "feedback", "siteadmin"):
            with self.subTest(username):
                self.login(username)
                self.assertTrue(is_refused(self.client.get(self.url("versions"))))
                self.assertTrue(is_refused(self.client.get(self.url("export"))))
        self.login("deputy")
        self.assertEqual(self.client.get(self.url("versions")).status_code, 200)
