"""A small newsroom for the workflow tests, built once per test class:
three columns (三审, 二审, and one nobody below deputy works on), one user per
role, the writer and editor on the first two columns."""

from dataclasses import dataclass, field
from itertools import count

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from articles.models import BylineRole
from editorial import roles
from editorial.setup import setup_newsroom
from editorial.teams import assign
from editorial.workflows import THREE_STEP, TWO_STEP, assign_workflow
from home.models import HomePage
from tests.articles.factories import AuthorFactory, ColumnPageFactory, SourceFactory
from tests.core.factories import UserFactory, site_settings
from tests.home.factories import get_home_page

DISCLAIMER = "(本栏目文章仅代表作者观点。)"

SLUGS = count(1)
PASSWORD = "newsroom-test"  # noqa: S105 - test users only
ROLE_USERS = {
    "writer": roles.WRITERS,
    "editor": roles.EDITORS,
    "deputy": roles.DEPUTY_CHIEFS,
    "chief": roles.CHIEF_EDITORS,
    "feedback": roles.FEEDBACK_HANDLERS,
    "siteadmin": roles.SITE_ADMINS,
}
# family, given name: display names read 周明哲 etc.
NAMES = {
    "writer": ("林", "晓雨"),
    "editor": ("周", "明哲"),
    "deputy": ("何", "静远"),
    "chief": ("罗", "嘉树"),
    "feedback": ("苏", "一禾"),
    "siteadmin": ("唐", "知行"),
}


@dataclass
class Newsroom:
    home: HomePage
    three_step: object  # column under 三审, writer and editor on its team
    two_step: object  # column under 二审, writer and editor on its team
    other: object  # column with no team: only deputy and chief work there
    source: object
    author: object
    role: BylineRole
    users: dict = field(default_factory=dict)

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def build_newsroom() -> Newsroom:
    home = get_home_page()
    source = SourceFactory(name="青岚新闻网")
    site_settings(default_source=source)
    columns = [
        ColumnPageFactory(
            parent=home, title=title, slug=slug, default_disclaimer=DISCLAIMER
        )
        for title, slug in (
            ("青岚时评", "qinglan"),
            ("民生观察", "minsheng"),
            ("基层笔谈", "jiceng"),
        )
    ]
    three_step, two_step, other = columns
    setup_newsroom()
    assign_workflow(three_step, Workflow.objects.get(name=THREE_STEP))
    assign_workflow(two_step, Workflow.objects.get(name=TWO_STEP))
    newsroom = Newsroom(
        home=home,
        three_step=three_step,
        two_step=two_step,
        other=other,
        source=source,
        author=AuthorFactory(name="江声"),
        role=BylineRole.objects.order_by("sort_order").first(),
    )
    for username, role in ROLE_USERS.items():
        family, given = NAMES[username]
        user = UserFactory(username=username, last_name=family, first_name=given)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=role))
        newsroom.users[username] = user
    for column in (three_step, two_step):
        assign(newsroom.writer, column, roles.WRITERS)
        assign(newsroom.editor, column, roles.EDITORS)
    return newsroom


def article_form_data(newsroom, action=None, bylines=True, **fields) -> dict:
    """The POST of the admin's article form, as the editor's buttons send it."""
    data = {
        "title": "把“民意渠道”修得更宽一些",
        "slug": "",
        "kicker": "",
        "standfirst": "让每一条意见都有回音。",
        "body": streamfield(
            [("paragraph", rich_text("<p>开门纳谏,贵在闻过则改。</p>"))]
        ),
        "bylines": inline_formset(
            [{"role": newsroom.role.pk, "author": newsroom.author.pk}]
            if bylines
            else []
        ),
        "pinned_related": inline_formset([]),
        "source": "",
        "display_date": "",
        "disclaimer": "",
        "tags": "",
        "lead_image": "",
        "lead_image_caption": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    if not data["slug"]:
        data["slug"] = f"piece-{next(SLUGS)}"
    if action:
        data[action] = "1"
    return nested_form_data(data)


def add_url(column) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("articles", "articlepage", column.pk)
    )


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def edit_form_data(html: str, action=None, body=None, **changes) -> dict:
    """The edit form as the browser would post it: the fields the page
    rendered, the body (built by the page's JavaScript, so given here) and
    the changes a person made."""
    data = querydict_from_html(html, form_id="page-edit-form")
    form = {
        key: data.getlist(key) if len(data.getlist(key)) > 1 else data[key]
        for key in data
        if "__prefix__" not in key
    }
    form.update(
        nested_form_data(
            {
                "body": streamfield(
                    body or [("paragraph", rich_text("<p>开门纳谏,贵在闻过则改。</p>"))]
                )
            }
        )
    )
    form.update(changes)
    if action:
        form[action] = "1"
    return form


def task_state_of(page):
    page.refresh_from_db()
    return page.current_workflow_task_state


def workflow_action_url(page, action: str) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, task_state_of(page).pk),
    )


def approve_in_editor(newsroom_client, page, **changes):
    """A reviewer opens the piece in the editor and presses 通过 (approve)."""
    html = newsroom_client.get(edit_url(page)).content.decode()
    data = edit_form_data(
        html,
        action="action-workflow-action",
        **{"workflow-action-name": "approve", **changes},
    )
    return newsroom_client.post(edit_url(page), data)


def is_refused(response) -> bool:
    """Wagtail refuses an admin request with 403, or (for a plain page
    request) by sending the person to the dashboard with an error."""
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )


def piece(newsroom, column=None, owner=None, **fields):
    """A writer's saved draft, with a revision, as the editor leaves it."""
    from tests.articles.factories import ArticlePageFactory

    owner = owner or newsroom.writer
    page = ArticlePageFactory(
        parent=column or newsroom.three_step,
        owner=owner,
        live=False,
        bylines=[("记者", newsroom.author)],
        **fields,
    )
    page.save_revision(user=owner)
    return page


def submitted(newsroom, page, approvals=()):
    """Submit a piece to its column's chain and approve it by each reviewer."""
    state = page.get_workflow().start(page, page.owner)
    for reviewer in approvals:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, reviewer, "approve")
        state.refresh_from_db()
    return state


def sent_back(newsroom, page, reviewer, comment):
    state = submitted(newsroom, page)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment=comment)
    return state
