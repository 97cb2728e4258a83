"""The project's Chinese catalogs (locale/zh_Hans/LC_MESSAGES/ and each app's
locale/): the .mo files `make install` compiles match their .po sources,
placeholders and HTML survive translation, every string of Wagtail's own
catalogs has Chinese, and the admin shows it, while an admin user who chose
English still gets English."""

import gettext
import json
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
import wagtail
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation.trans_real import DjangoTranslation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.home.factories import get_home_page

BASE = Path(settings.BASE_DIR)
LOCALE = BASE / "locale"
SKIP = {".venv", "node_modules", "build", ".git"}
CATALOGS = sorted(
    path
    for path in BASE.glob("**/locale/*/LC_MESSAGES/*.po")
    if not SKIP & set(path.relative_to(BASE).parts)
)
WAGTAIL = Path(wagtail.__file__).parent


def catalog_id(path: Path) -> str:
    return str(path.relative_to(BASE))


def entry_key(entry) -> str:
    """The key of an entry in a compiled catalog: msgctxt EOT msgid."""
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def test_the_project_catalogs_are_on_locale_paths():
    assert LOCALE in [Path(path) for path in settings.LOCALE_PATHS]
    names = {catalog_id(path) for path in CATALOGS}
    assert {
        "locale/zh_Hans/LC_MESSAGES/django.po",
        "locale/zh_Hans/LC_MESSAGES/djangojs.po",
    } <= names


@pytest.mark.parametrize("po_path", CATALOGS, ids=catalog_id)
def test_compiled_catalog_matches_its_source(po_path):
    """A .po edited after the last `make install` (or `make translations`)
    fails here."""
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.name} missing: run `make translations`"
    po = polib.pofile(str(po_path))
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    expected = {}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(entry_key(entry), int(index))] = text
        else:
            expected[entry_key(entry)] = entry.msgstr
    with mo_path.open("rb") as mo_file:
        compiled = dict(gettext.GNUTranslations(mo_file)._catalog)
    compiled.pop("", None)  # the header
    stale = sorted(
        str(key)
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, f"{mo_path.name} differs from {po_path.name} " + (
        f"(run `make translations`): {stale[:5]}"
    )


PYTHON_NAMED = re.compile(r"%\((\w+)\)[#0 +\-]*\d*(?:\.\d+)?[sdifr]")
PYTHON_POSITIONAL = re.compile(r"%(?!\()[#0 +\-]*\d*(?:\.\d+)?[sdifr%]")
BRACES = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize("po_path", CATALOGS, ids=catalog_id)
def test_translations_keep_placeholders_and_tags(po_path):
    """A named placeholder the source lacks would raise KeyError at run time;
    a positional one must stay in place; HTML tags come through unchanged."""
    problems = []
    for entry in polib.pofile(str(po_path)).translated_entries():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        texts = (
            list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        )
        named = {name for source in sources for name in PYTHON_NAMED.findall(source)}
        braces = {name for source in sources for name in BRACES.findall(source)}
        for text in texts:
            if not set(PYTHON_NAMED.findall(text)) <= named:
                problems.append((entry.msgid, "named placeholder"))
            if PYTHON_POSITIONAL.findall(text) != PYTHON_POSITIONAL.findall(
                entry.msgid
            ):
                problems.append((entry.msgid, "positional placeholder"))
            if "python-brace-format" in entry.flags and not (
                set(BRACES.findall(text)) <= braces
            ):
                problems.append((entry.msgid, "brace placeholder"))
            if Counter(TAG.findall(text)) != Counter(TAG.findall(entry.msgid)):
                problems.append((entry.msgid, "HTML tags"))
            if text != text.strip() and entry.msgid == entry.msgid.strip():
                problems.append((entry.msgid, "stray whitespace"))
    assert not problems


def english_entries(domain: str):
    """The entries of the English catalogs of the installed Wagtail apps."""
    for config in apps.get_app_configs():
        if config.name == "wagtail" or config.name.startswith("wagtail."):
            path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                for entry in polib.pofile(str(path)):
                    if not entry.obsolete:
                        yield config.name, entry


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_string_has_chinese(domain):
    """Every msgid of the installed Wagtail apps' English catalogs has a
    zh-Hans translation: Wagtail's own or the project's. Fails after a Wagtail
    upgrade adds strings, or if `makemessages` marked the project's entries
    obsolete: add them to locale/zh_Hans/LC_MESSAGES/ (docs/development.md)."""
    if domain == "django":
        catalog = translation.trans_real.translation("zh-hans")._catalog
    else:
        # What the admin's JavaScript catalog (/admin/jsi18n/) serves.
        catalog = DjangoTranslation(
            "zh-hans", domain="djangojs", localedirs=[str(WAGTAIL / "admin" / "locale")]
        )._catalog
    missing = [
        (app, entry.msgid)
        for app, entry in english_entries(domain)
        if not catalog.get(
            (entry_key(entry), 0) if entry.msgid_plural else entry_key(entry)
        )
    ]
    assert not missing, (
        f"{len(missing)} Wagtail strings without Chinese: {missing[:10]}"
    )


def wagtail_config(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", id="wagtail-config").string)


def flatten(strings, prefix="") -> dict:
    items = strings.items() if isinstance(strings, dict) else enumerate(strings)
    flat = {}
    for key, value in items:
        if isinstance(value, dict | list):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


class AdminLanguageTests(TestCase):
    """A superuser with the admin in Chinese, another who chose English: the
    page editor, the page listing, the dashboard and the JavaScript strings."""

    @classmethod
    def setUpTestData(cls):
        cls.chinese = cls.admin_user("zh-hans")
        cls.english = cls.admin_user("en")
        cls.home = get_home_page()
        cls.column = ColumnPageFactory(parent=cls.home, title="青岚时评")
        for _ in range(3):
            ArticlePageFactory(parent=cls.column)
        # In moderation at the last (only) step of the default workflow: the
        # superusers may approve it, and approving publishes it.
        cls.reviewed = ArticlePageFactory(parent=cls.column, title="待审稿件")
        cls.reviewed.save_revision(user=cls.chinese)
        cls.reviewed.get_workflow().start(cls.reviewed, cls.chinese)

    @staticmethod
    def admin_user(language):
        user = UserFactory(
            is_superuser=True, is_staff=True, username=f"admin-{language}"
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    def get(self, user, url):
        self.client.force_login(user)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response

    def page_editor(self, user):
        url = reverse(
            "wagtailadmin_pages:add", args=["articles", "columnpage", self.home.pk]
        )
        return self.get(user, url)

    def listing(self, user):
        return self.get(user, reverse("wagtailadmin_explore", args=[self.column.pk]))

    def dashboard(self, user):
        # A page locked by the user puts "Your locked pages" on the dashboard.
        Page.objects.filter(pk=self.column.pk).update(
            locked=True, locked_by=user, locked_at=timezone.now()
        )
        return self.get(user, reverse("wagtailadmin_home"))

    def reviewed_editor(self, user):
        return self.get(
            user, reverse("wagtailadmin_pages:edit", args=[self.reviewed.pk])
        )

    def test_page_editor_in_chinese(self):
        response = self.page_editor(self.chinese)
        self.assertContains(response, "将由admin-zh-hans创建")  # To be created by
        self.assertContains(
            response, "任何人都可以编辑此页面"
        )  # Anyone can edit this page
        self.assertContains(
            response, '<span class="w-sr-only">锁定：</span>', html=True
        )
        self.assertContains(response, "被引用 0 次")  # Referenced 0 times
        self.assertContains(response, 'aria-label="检查开关"')  # Toggle checks
        self.assertContains(response, "只有在选择“定时发布”后，此发布计划才会生效")
        for english in (
            "To be created by",
            "Anyone can edit this",
            "Referenced 0 times",
            "Toggle checks",
            "Schedule to publish",
            "Content metrics",
        ):
            self.assertNotContains(response, english)

    def test_page_editor_in_english(self):
        response = self.page_editor(self.english)
        self.assertContains(response, "To be created by admin-en")
        self.assertContains(response, "Anyone can edit this page")
        self.assertContains(response, "Referenced 0 times")
        self.assertContains(response, 'aria-label="Toggle checks"')
        self.assertNotContains(response, "被引用")

    def test_approve_and_publish_button_has_no_stray_space(self):
        response = self.reviewed_editor(self.chinese)
        self.assertContains(response, "批准并发布")
        self.assertNotContains(response, "批准 和发布")
        response = self.reviewed_editor(self.english)
        self.assertContains(response, "Approve and Publish")

    def test_page_listing_in_chinese(self):
        response = self.listing(self.chinese)
        self.assertContains(response, "第 1-4 个，共 4 个页面")  # 1-4 of 4 pages
        self.assertContains(response, "更新日期")  # Date updated (filter)
        self.assertNotContains(response, "1-4 of 4")
        self.assertNotContains(response, "Date updated")

    def test_page_listing_in_english(self):
        response = self.listing(self.english)
        self.assertContains(response, "1-4 of 4 pages")
        self.assertContains(response, "Date updated")

    def test_dashboard_in_chinese(self):
        response = self.dashboard(self.chinese)
        self.assertContains(
            response, 'placeholder="搜索所有页面…"'
        )  # Search all pages…
        self.assertContains(
            response, "<th>隐私与访问权限</th>", html=True
        )  # Privacy and access
        self.assertContains(response, '个页面<span class="w-sr-only">创建于')
        for english in ("Search all pages", "Privacy and access", "created in"):
            self.assertNotContains(response, english)

    def test_dashboard_in_english(self):
        response = self.dashboard(self.english)
        self.assertContains(response, 'placeholder="Search all pages…"')
        self.assertContains(response, "<th>Privacy and access</th>", html=True)

    def test_javascript_catalog_merges_the_project_catalog(self):
        url = reverse("wagtailadmin_javascript_catalog")
        chinese = self.get(self.chinese, url).content.decode()
        for msgid, msgstr in [
            (
                "(%(number)s new items in this menu)",
                "（此菜单中有 %(number)s 个新项目）",
            ),
            ("Split block", "拆分区块"),
            ("Actions", "操作"),  # Wagtail's own: 动作
        ]:
            self.assertIn(f"{json.dumps(msgid)}: {json.dumps(msgstr)}", chinese)
        english = self.get(self.english, url).content.decode()
        self.assertNotIn(json.dumps("Split block"), english)

    def test_server_rendered_javascript_strings(self):
        """wagtailConfig.STRINGS come from the django domain."""
        chinese = flatten(wagtail_config(self.listing(self.chinese))["STRINGS"])
        english = flatten(wagtail_config(self.listing(self.english))["STRINGS"])
        self.assertEqual(chinese.keys(), english.keys())
        untranslated = [key for key in english if chinese[key] == english[key]]
        self.assertEqual(untranslated, [])
        self.assertEqual(english["BULK_ACTIONS.PAGE.SINGULAR"], "1 page selected")
        self.assertEqual(chinese["BULK_ACTIONS.PAGE.SINGULAR"], "已选择 1 个页面")
