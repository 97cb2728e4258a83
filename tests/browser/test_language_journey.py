"""One language at a time, checked in Chromium: the review journey walked by
every role (writer opens the form for a new piece, writes and submits,
editor sends back, writer resubmits, 初审/复审/终审 approve and publish, the
chief schedules another piece and unpublishes, the feedback handler
accepts an item, writes a public reply and exports the list), with each
screen's visible text checked, and the export's header row too.

In zh-hans, a run of three or more ASCII letters fails the walk, except text
the test entered, `Wagtail`, URLs and e-mail addresses, file names with an
extension and the abbreviations of ABBREVIATIONS (issue 12: the list is
fixed; adding to it needs a reason in the issue's closing note). In English,
a CJK character fails it, except in text the test entered and in the
newsroom's own content (page titles, names, role and step names: data).

Each role's desk is saved as a screenshot (BROWSER_ARTIFACTS)."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, Site, Task, Workflow
from wagtail.users.models import UserProfile

from articles.models import ArticlePage, Author, BylineRole, Source
from feedback.models import Feedback, FeedbackReply
from tests.articles.factories import ArticlePageFactory
from tests.editorial.newsroom import (
    PASSWORD,
    add_url,
    build_newsroom,
    edit_url,
    piece,
)
from tests.feedback.factories import FeedbackFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ABBREVIATIONS = {
    "RSS", "Atom", "CSV", "XLSX", "PDF", "SVG", "PNG", "JPEG", "GIF", "WebP",
    "QR", "ID", "IP", "ICP", "URL", "API", "JSON", "HTML", "SEO", "Wagtail",
}  # fmt: skip
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w/])/[\w\-./%?=&#]+/")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FILE_NAME = re.compile(r"\b[\w\-]+\.(?:[A-Za-z0-9]{2,5})\b")
ASCII_RUN = re.compile(r"[A-Za-z]{3,}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")

COMMENT = "第二段的数据请注明出处。"
STANDFIRST = "数据出自市统计局今年的公报。"
FIXED = "已补上出处：市统计局公报。"
REPLY = "已转交市公交集团，下周一起早高峰加开两班。"


def english_runs(text: str, entered: list[str]) -> list[str]:
    for value in sorted(entered, key=len, reverse=True):
        text = text.replace(value, " ")
    for pattern in (URL, EMAIL, FILE_NAME):
        text = pattern.sub(" ", text)
    return [run for run in ASCII_RUN.findall(text) if run not in ABBREVIATIONS]


def chinese_runs(text: str, entered: list[str], content: list[str]) -> list[str]:
    for value in sorted([*entered, *content], key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    return [
        line.strip()
        for line in text.splitlines()
        if CJK.search(line) and not CJK.fullmatch(line.strip())
    ] or [char for char in text if CJK.match(char)]


def newsroom_content() -> list[str]:
    """The newsroom's data: shown as it is, in any admin language."""
    users = get_user_model().objects.all()
    return [
        *Page.objects.values_list("title", flat=True),
        *Author.objects.values_list("name", flat=True),
        *BylineRole.objects.values_list("name", flat=True),
        *(
            text
            for page in ArticlePage.objects.all()
            for text in page.body.stream_block.texts(page.body)
        ),
        *Source.objects.values_list("name", flat=True),
        *Group.objects.values_list("name", flat=True),
        *Task.objects.values_list("name", flat=True),
        *Workflow.objects.values_list("name", flat=True),
        *Feedback.objects.values_list("message", flat=True),
        *Feedback.objects.values_list("display_name", flat=True),
        *(f"{user.last_name}{user.first_name}" for user in users),
        *(user.last_name for user in users),
        *(user.first_name for user in users),
        "时评",  # the site's name
        "(本栏目文章仅代表作者观点。)",
    ]


class Walk:
    """Everything seen on the way, per language."""

    def __init__(self, chromium, live_server, artifacts_dir, language):
        self.chromium = chromium
        self.base = live_server.url
        self.artifacts_dir = artifacts_dir
        self.language = language
        self.entered = [STANDFIRST, FIXED, COMMENT, REPLY, PASSWORD]
        self.problems = []
        # Before any browser: the live server's threads share the database.
        for user in get_user_model().objects.all():
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
        self.content = newsroom_content()
        # Tracking codes are the items' IDs (data), shown as generated.
        for code in Feedback.objects.values_list("tracking_code", flat=True):
            self.entered += [code, *re.findall(r"[A-Z0-9]{4,5}", code)]

    def report(self) -> str:
        """Every screen with text in the other language, also saved beside
        the screenshots."""
        lines = [f"{where}: {', '.join(found)}" for where, found in self.problems]
        text = "\n".join(lines)
        name = f"language-{self.language}-problems.txt"
        (self.artifacts_dir / name).write_text(text + "\n")
        return text

    def session(self, username):
        return Session(self, username)

    def check(self, page, where):
        self.check_text(page.evaluate("document.body.innerText"), where)

    def check_text(self, text, where):
        if self.language == "en":
            found = chinese_runs(text, self.entered, self.content)
        else:
            found = english_runs(text, self.entered)
        if found:
            self.problems.append((where, sorted(set(found))[:15]))


class Session:
    """One person's browser in the admin, in the walk's language."""

    def __init__(self, walk, username):
        self.walk = walk
        walk.entered.append(username)
        locale = "en-US" if walk.language == "en" else "zh-CN"
        self.context = walk.chromium.new_context(locale=locale)
        self.page = self.context.new_page()
        self.username = username
        self.goto(reverse("wagtailadmin_login"), check=False)
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))
        self.check("dashboard")

    def check(self, where):
        self.page.wait_for_load_state("networkidle")
        self.walk.check(self.page, f"{self.username}: {where}")

    def goto(self, path, check=True):
        self.page.goto(self.walk.base + path)
        if check:
            self.check(path)

    def desk(self, name):
        self.page.screenshot(
            path=self.walk.artifacts_dir / f"desk-{self.walk.language}-{name}.png",
            full_page=True,
        )

    def edit(self, page):
        self.goto(edit_url(page))

    def more_actions(self):
        self.page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()

    def submit(self):
        self.more_actions()
        self.check("footer actions")
        with self.page.expect_navigation():
            self.page.click('footer button[name="action-submit"]')
        self.check("after submitting")

    def approve(self):
        self.more_actions()
        self.check("footer actions")
        with self.page.expect_navigation():
            self.page.click(
                'footer button[data-workflow-action-name="approve"]'
                ":not([data-workflow-action-modal-url])"
            )
        self.check("after approving")

    def send_back(self, comment):
        self.more_actions()
        self.page.click('footer button[data-workflow-action-name="reject"]')
        modal = self.page.locator(".modal-dialog")
        modal.wait_for()
        self.check("send-back dialog")
        modal.locator('textarea[name="comment"]').fill(comment)
        with self.page.expect_navigation():
            modal.locator('button[type="submit"]').click()
        self.check("after sending back")

    def schedule(self, go_live_at):
        """Set a go-live time in the schedule dialog, save it, then
        "Schedule to publish" from the footer."""
        self.page.locator('[data-side-panel-toggle="status"]').click()
        self.check("status side panel")
        self.page.locator(
            '[data-a11y-dialog-show="schedule-publishing-dialog"],'
            '[data-w-dialog-target-value="schedule-publishing-dialog"],'
            '[aria-controls="schedule-publishing-dialog"]'
        ).locator("visible=true").first.click()
        dialog = self.page.locator("#schedule-publishing-dialog")
        dialog.wait_for()
        self.check("schedule dialog")
        dialog.locator('input[name="go_live_at"]').fill(go_live_at)
        # The field's date picker stays open over the dialog's button (a
        # pointer click would land on a day): click the button itself.
        with self.page.expect_navigation():
            dialog.locator('button[type="submit"]').dispatch_event("click")
        self.check("after saving the schedule")
        self.more_actions()
        self.check("footer actions with a schedule")
        with self.page.expect_navigation():
            self.page.click('footer button[name="action-publish"]')
        self.check("after scheduling")

    def close(self):
        self.context.close()


@pytest.fixture
def newsroom(live_server, settings):
    newsroom = build_newsroom()
    # The admin's title is the site's name (data), not the host name.
    Site.objects.update(site_name="时评")
    newsroom.draft = piece(newsroom, title="让“民意直通车”跑得更快")
    newsroom.later = piece(newsroom, title="公交线路调整，多听听等车人的声音")
    newsroom.item = FeedbackFactory(
        article=ArticlePageFactory(parent=newsroom.two_step, title="路灯何时修好"),
        message="早高峰的 12 路车二十分钟才来一班，能否加密班次？",
    )
    return newsroom


def walk_the_journey(walk, newsroom):
    draft = newsroom.draft

    writer = walk.session("writer")
    writer.desk("writer")
    writer.goto(add_url(newsroom.three_step))  # the form for a new piece
    writer.page.locator('input[name="title"]').wait_for()
    writer.edit(draft)
    writer.page.fill('textarea[name="standfirst"]', STANDFIRST)
    writer.submit()
    writer.goto(reverse("wagtailadmin_home"))
    writer.close()

    editor = walk.session("editor")
    editor.desk("editor")
    editor.goto(reverse("wagtailadmin_explore", args=[newsroom.three_step.pk]))
    editor.edit(draft)
    editor.send_back(COMMENT)
    editor.close()

    writer = walk.session("writer")
    writer.edit(draft)
    writer.page.fill('textarea[name="standfirst"]', FIXED)
    writer.submit()
    writer.close()

    for username in ("editor", "deputy", "chief"):
        reviewer = walk.session(username)
        if username != "editor":
            reviewer.desk(username)
        reviewer.edit(draft)
        reviewer.approve()
        reviewer.close()

    draft.refresh_from_db()
    assert draft.live

    chief = walk.session("chief")
    chief.edit(draft)
    chief.goto(reverse("wagtailadmin_pages:history", args=[draft.pk]))
    later = newsroom.later
    go_live_at = timezone.localtime(timezone.now() + dt.timedelta(days=2))
    go_live_text = go_live_at.strftime("%Y-%m-%d %H:%M")
    walk.entered.append(go_live_text)
    chief.edit(later)
    chief.schedule(go_live_text)
    later.refresh_from_db()
    assert not later.live
    scheduled = Revision.page_revisions.get(
        object_id=str(later.pk), approved_go_live_at__isnull=False
    )
    assert abs(scheduled.approved_go_live_at - go_live_at) < dt.timedelta(minutes=1)
    # Shown as scheduled: on the desk, with its go-live time.
    chief.goto(reverse("wagtailadmin_home"))
    row = chief.page.locator(
        f'[data-desk-section="scheduled"] tr[data-page-id="{later.pk}"]'
    )
    assert row.count() == 1, "the scheduled piece is not on the desk"
    assert go_live_text in row.inner_text()
    chief.goto(reverse("wagtailadmin_pages:unpublish", args=[draft.pk]))
    with chief.page.expect_navigation():
        chief.page.locator('main form button[type="submit"]').first.click()
    chief.check("after unpublishing")
    chief.close()
    draft.refresh_from_db()
    assert not draft.live

    handler = walk.session("feedback")
    handler.desk("feedback")
    listing = reverse("wagtailsnippets_feedback_feedback:list")
    handler.goto(listing)
    handler.page.get_by_role("link", name=re.compile("早高峰")).first.click()
    handler.check("feedback item")
    accept = "Accept" if walk.language == "en" else "受理"
    handler.page.get_by_role("button", name=re.compile(accept)).first.click()
    handler.page.wait_for_load_state("networkidle")
    handler.check("feedback accepted")
    reply = handler.page.locator('form:has(button[name="action"][value="reply"])')
    reply.locator('textarea[name="body"]').fill(REPLY)
    with handler.page.expect_navigation():
        reply.locator('button[value="reply"]').click()
    handler.check("feedback replied")
    # Shown under the article (the reader consented), reply included.
    with handler.page.expect_navigation():
        handler.page.locator('button[name="action"][value="publish"]').click()
    handler.check("feedback public")
    item = newsroom.item
    item.refresh_from_db()
    assert item.is_public
    assert FeedbackReply.objects.filter(feedback=item, body=REPLY).exists()
    check_export(walk, handler, listing)
    handler.close()


def check_export(walk, session, listing):
    """The export's header row is in the user's language (the rows are data)."""
    export = session.page.request.get(walk.base + listing + "?export=csv")
    assert export.ok
    assert "feedback" in export.headers.get("content-disposition", "")
    header = next(csv.reader(io.StringIO(export.text().lstrip("\ufeff"))))
    walk.check_text("\n".join(header), "feedback: CSV export header")
    spreadsheet = session.page.request.get(walk.base + listing + "?export=xlsx")
    assert spreadsheet.ok
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheet.body())).active
    row = [str(cell.value or "") for cell in next(sheet.iter_rows(max_row=1))]
    assert row == header, (row, header)
    # A header in the other language would fail the check above; one with
    # neither (empty, or only abbreviations) would pass it: not this one.
    words = CJK if walk.language != "en" else ASCII_RUN
    assert all(words.search(name) for name in header if name not in ABBREVIATIONS)


def test_the_journey_in_chinese_has_no_english(
    newsroom, live_server, chromium, artifacts_dir
):
    walk = Walk(chromium, live_server, artifacts_dir, "zh-hans")
    walk_the_journey(walk, newsroom)
    assert not walk.problems, walk.report()


def test_the_journey_in_english_has_no_chinese(
    newsroom, live_server, chromium, artifacts_dir
):
    walk = Walk(chromium, live_server, artifacts_dir, "en")
    walk_the_journey(walk, newsroom)
    assert not walk.problems, walk.report()
