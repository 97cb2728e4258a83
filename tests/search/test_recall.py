"""Chinese search against the demo content: a recall/precision table.

An article is relevant to a query when every term of it occurs in the
article's indexed text (title, kicker, standfirst, body, bylines, tags) after
the same normalisation (NFKC, Traditional → Simplified, case): a Chinese
term as an unbroken run, a Latin or number token as a whole word. The search
must find exactly those articles, on SQLite and on PostgreSQL alike."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from wagtail.models import Page
from wagtail.search import index

from articles.models import ArticlePage
from core.segment import HAN, HAN_RE, query_terms
from core.text import normalise
from tests.core.factories import UserFactory

# (query, what it exercises, an article that must be among the hits or None)
QUERIES = [
    ("税", "1 character", "business-climate-voice"),
    ("群众", "2-character word", "tucao-window-echo"),
    ("窗口", "2-character word", "tucao-window-echo"),
    ("吐槽窗口", "4-character phrase", "tucao-window-echo"),
    ("回音壁", "3-character phrase", "tucao-window-echo"),
    ("服务 满意度", "several words", None),
    ("数字 老年人", "several words", "digital-elderly-inclusion"),
    ("乡村振兴 土特产", "several words", "rural-products-market"),
    ("林致远", "author name", "ease-grassroots-burden"),
    ("陆晚晴", "author name", "heating-season-warmth"),
    ("格桑梅朵", "author name", "school-lunch-safety"),
    ("尼玛顿珠", "author name", "grassland-ecology-balance"),
    ("12345热线", "Chinese + number", "hotline-12345-link"),
    ("12345", "number", "hotline-12345-link"),
    ("政务APP", "Chinese + English", "gov-app-burden"),
    ("政务app", "Chinese + English, lower case", "gov-app-burden"),
    ("APP", "English", "gov-app-burden"),
    ("5G", "number + letter", None),
    ("群眾", "Traditional", "tucao-window-echo"),
    ("服務", "Traditional", None),
    ("政務服務", "Traditional, 4 characters", None),
    ("營商環境", "Traditional, 4 characters", "business-climate-voice"),
    ("营商环境", "tag and title", "business-climate-voice"),
    ("供暖", "2-character word", "heating-season-warmth"),
    ("暖气", "2-character word", "heating-season-warmth"),
    ("公交线路", "4-character phrase", "bus-route-listen"),
    ("养老", "2-character word", "elderly-care-doorstep"),
    ("公厕", "2-character word", "public-toilet-tourism"),
    ("烟火气", "3-character phrase", "small-shops-city-warmth"),
    ("网格员", "3-character phrase", "grid-worker-footsteps"),
    ("饲草", "2-character word", "winter-fodder-readiness"),
    ("草原生态", "4-character phrase", "grassland-ecology-balance"),
    ("减负", "2-character word", "ease-grassroots-burden"),
    ("连心线", "3-character phrase", "hotline-12345-link"),
    ("局外人", "3-character phrase", "digital-elderly-inclusion"),
    ("留量", "2-character word", "tourism-flow-to-stay"),
    ("窗口吐槽", "word order matters", None),
    ("火星移民", "nothing to find", None),
]


def term_pattern(term: str) -> re.Pattern:
    """A query term as a regex over normalised text: its Chinese parts as
    unbroken runs, other tokens as whole words, parts adjacent."""
    parts = []
    for token in term.split():
        if HAN_RE.search(token):
            parts.append(re.escape(token))
        else:
            # A whole word: no other letter or digit (Chinese aside) around it.
            parts.append(rf"(?<![^\W_{HAN}]){re.escape(token)}(?![^\W_{HAN}])")
    return re.compile(r"\W*".join(parts))


def raw_search_text(page) -> str:
    """The article's indexed text before segmentation."""

    def values(obj, fields):
        for field in fields:
            if isinstance(field, index.RelatedFields):
                related = field.get_value(obj)
                for item in related.all():
                    yield from values(item, field.fields)
            elif isinstance(field, index.SearchField):
                value = index.SearchField.get_value(field, obj)
                if isinstance(value, list | tuple):
                    value = " ".join(str(item) for item in value)
                yield str(value or "")

    return normalise("\n".join(values(page, page.get_search_fields())))


class DemoSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", verbosity=0)
        cls.articles = list(ArticlePage.objects.live().order_by("pk"))
        cls.texts = {page.slug: raw_search_text(page) for page in cls.articles}

    def search(self, query):
        results = ArticlePage.objects.live().public().search(query, operator="and")
        return [page.slug for page in results]

    def relevant(self, query):
        patterns = [term_pattern(term) for term in query_terms(query)]
        return {
            slug
            for slug, text in self.texts.items()
            if all(pattern.search(text) for pattern in patterns)
        }

    def test_recall_and_precision_table(self):
        rows, failures = [], []
        for query, kind, must_find in QUERIES:
            found = self.search(query)
            relevant = self.relevant(query)
            hits = len(relevant & set(found))
            recall = hits / len(relevant) if relevant else 1.0
            precision = hits / len(found) if found else 1.0
            rows.append(
                f"| {query} | {kind} | {len(relevant)} | {len(found)} | "
                f"{recall:.2f} | {precision:.2f} |"
            )
            if recall < 1 or precision < 1 or len(found) != len(set(found)):
                failures.append((query, sorted(relevant), found))
            if must_find and must_find not in found:
                failures.append((query, f"missing {must_find}", found))
        table = "\n".join(
            [
                f"Chinese search on {connection.vendor}, {len(self.articles)} articles",
                "| query | kind | relevant | found | recall | precision |",
                "|---|---|---|---|---|---|",
                *rows,
            ]
        )
        out = (
            Path(settings.BASE_DIR) / "build" / f"search-recall-{connection.vendor}.md"
        )
        out.parent.mkdir(exist_ok=True)
        out.write_text(table + "\n", encoding="utf-8")
        self.assertGreaterEqual(len(QUERIES), 30)
        self.assertEqual(failures, [], table)

    def test_phrases_need_their_characters_in_order(self):
        self.assertIn("tucao-window-echo", self.search("吐槽窗口"))
        self.assertEqual(self.search("窗口吐槽"), [])

    def test_exact_title_phrase_comes_first(self):
        for query, slug in [
            ("吐槽窗口", "tucao-window-echo"),
            ("12345热线", "hotline-12345-link"),
            ("政务APP", "gov-app-burden"),
            ("公交线路", "bus-route-listen"),
        ]:
            with self.subTest(query=query):
                self.assertEqual(self.search(query)[0], slug)

    def test_title_hits_rank_above_body_hits(self):
        titles = {page.slug: normalise(page.title) for page in self.articles}
        for query in ["群众", "老年人", "营商环境", "窗口", "民生"]:
            found = self.search(query)
            in_title = [slug for slug in found if query in titles[slug]]
            body_only = [slug for slug in found if query not in titles[slug]]
            with self.subTest(query=query):
                self.assertTrue(in_title and body_only)
                last_title_hit = max(found.index(slug) for slug in in_title)
                first_body_hit = min(found.index(slug) for slug in body_only)
                self.assertLess(last_title_hit, first_body_hit)

    def test_admin_page_search_finds_chinese_titles(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        for query in ["吐槽窗口", "回音壁", "群眾", "12345热线"]:
            response = self.client.get("/admin/pages/search/", {"q": query})
            with self.subTest(query=query):
                self.assertEqual(response.status_code, 200)
                self.assertIn(
                    "把“吐槽窗口”办成群众信得过的“回音壁”"
                    if query != "12345热线"
                    else "让12345热线这根“连心线”更通畅",
                    response.content.decode(),
                )

    def test_autocomplete_finds_titles_from_their_first_characters(self):
        for partial, slug in [
            ("吐槽窗", "tucao-window-echo"),
            ("吐", "tucao-window-echo"),
            ("连心", "hotline-12345-link"),
            ("营商环", "business-climate-voice"),
            ("政务a", "gov-app-burden"),
        ]:
            with self.subTest(partial=partial):
                slugs = [
                    page.slug for page in Page.objects.live().autocomplete(partial)
                ]
                self.assertIn(slug, slugs)

    def test_search_survives_update_index(self):
        before = {query: self.search(query) for query in ["吐槽窗口", "税", "林致远"]}
        call_command("update_index", verbosity=0)
        after = {query: self.search(query) for query in before}
        self.assertEqual(after, before)
        self.assertTrue(all(after.values()))
