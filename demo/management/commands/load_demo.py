"""Build the demo site from demo/data/*.json. Safe to run any number of times."""

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Site, Workflow, WorkflowPage

from articles.models import (
    ArticleByline,
    ArticlePage,
    Author,
    AuthorIndexPage,
    BylineRole,
    ColumnPage,
    RelatedArticle,
    Source,
)
from articles.own_author import own_author
from core.models import SiteSettings, Term
from core.people import display_name
from demo.feedback import load_demo_feedback
from demo.images import demo_image
from editorial.roles import EDITORS, WRITERS
from editorial.teams import assign
from home.models import HomePage

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 - documented, dev-only
LOCAL_TZ = ZoneInfo("Asia/Shanghai")

# username, group, family name, given name
DEMO_USERS = [
    ("writer", "撰稿人", "林", "晓雨"),
    ("editor", "编辑", "周", "明哲"),
    ("deputy", "副总编辑", "何", "静远"),
    ("chief", "总编辑", "罗", "嘉树"),
    ("feedback", "反馈处理员", "苏", "一禾"),
    ("siteadmin", "站点管理员", "唐", "知行"),
]
# The demo writer and editor work on two columns; 基层笔谈 has no team of
# theirs. Each column's review chain, as an admin would pick it.
DEMO_TEAMS = {"writer": WRITERS, "editor": EDITORS}
# Demo users whose new pieces start with their own byline (Author.user).
DEMO_OWN_BYLINES = ("writer", "editor")
DEMO_COLUMN_WORKFLOWS = {"qinglan-shiping": "三审", "minsheng-guancha": "二审"}


def read(name: str):
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Load the demo newsroom: settings, columns, authors, articles and users."

    @transaction.atomic
    def handle(self, *args, **options):
        self.usable_passwords = settings.DEBUG
        home = HomePage.objects.get()
        site = Site.objects.get(is_default_site=True)
        users = self.load_users()
        sources = self.load_sources()
        self.load_site_settings(site, sources)
        self.load_terms()
        columns = self.load_columns(home)
        self.load_newsroom(columns, users)
        self.ensure_author_index(home)
        authors = self.load_authors()
        for username in DEMO_OWN_BYLINES:
            own_author(users[username])
        self.load_articles(columns, authors, sources, editor=users["editor"])
        load_demo_feedback(users)
        self.stdout.write(self.style.SUCCESS(self.summary()))

    def load_users(self) -> dict:
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            self.set_password(admin)
        users = {"admin": admin}
        for username, group_name, family, given in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "last_name": family,
                    "first_name": given,
                    "email": f"{username}@example.com",
                },
            )
            if created:
                self.set_password(user)
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
            users[username] = user
        return users

    def load_newsroom(self, columns, users):
        """Roles, column teams and workflows (setup_newsroom), then the demo
        users on their columns and each column's review chain."""
        call_command("setup_newsroom", verbosity=0, stdout=self.stdout)
        for slug, workflow_name in DEMO_COLUMN_WORKFLOWS.items():
            column = columns[slug]
            for username, role in DEMO_TEAMS.items():
                assign(users[username], column, role)
            if not WorkflowPage.objects.filter(page=column).exists():
                WorkflowPage.objects.create(
                    page=column, workflow=Workflow.objects.get(name=workflow_name)
                )

    def set_password(self, user):
        if self.usable_passwords:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()

    def load_sources(self) -> dict:
        return {
            item["name"]: Source.objects.get_or_create(
                name=item["name"], defaults={"url": item.get("url", "")}
            )[0]
            for item in read("sources")
        }

    def load_site_settings(self, site, sources):
        data = read("site")
        site_settings = SiteSettings.for_site(site)
        if site_settings.hotline:
            return
        site_settings.site_name = data["site_name"]
        site_settings.hotline = data["hotline"]
        site_settings.header_links = [("link", link) for link in data["header_links"]]
        site_settings.footer_links = [("link", link) for link in data["footer_links"]]
        site_settings.copyright_notice = data["copyright"]
        site_settings.publisher = data["publisher"]
        site_settings.address = data["address"]
        site_settings.postcode = data["postcode"]
        site_settings.licences = [("licence", item) for item in data["licences"]]
        site_settings.default_source = sources[data["default_source"]]
        site_settings.save()
        site.site_name = data["site_name"]
        site.save()

    def load_terms(self):
        for item in read("terms"):
            Term.objects.get_or_create(
                text=item["text"],
                defaults={"level": item["level"], "note": item["note"]},
            )

    def load_columns(self, home) -> dict:
        columns = {}
        for item in read("columns"):
            column = ColumnPage.objects.child_of(home).filter(slug=item["slug"]).first()
            if column is None:
                column = ColumnPage(
                    title=item["name"],
                    slug=item["slug"],
                    intro=f"<p>{escape(item['intro'])}</p>",
                    default_disclaimer=item["disclaimer"],
                    default_kicker=item["default_kicker"],
                )
                home.add_child(instance=column)
                column.save_revision().publish()
            columns[item["slug"]] = column
        return columns

    def ensure_author_index(self, home):
        if not AuthorIndexPage.objects.exists():
            index = AuthorIndexPage(title="作者", slug="authors")
            home.add_child(instance=index)
            index.save_revision().publish()

    def load_authors(self) -> dict:
        authors = {}
        for item in read("authors"):
            author, created = Author.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "title": item["title"],
                    "bio": item["bio"],
                },
            )
            if created:
                author.photo = demo_image(
                    f"author-{item['slug']}", alt=item["name"], size=(400, 400)
                )
                author.save()
            authors[item["slug"]] = author
        return authors

    def load_articles(self, columns, authors, sources, editor):
        roles = {role.name: role for role in BylineRole.objects.all()}
        data = read("articles")
        pages = {}
        for position, item in enumerate(data, start=1):
            column = columns[item["column"]]
            page = (
                ArticlePage.objects.child_of(column).filter(slug=item["slug"]).first()
            )
            if page is None:
                page = self.create_article(
                    item, column, authors, sources, roles, editor
                )
                self.stdout.write(f"  [{position}/{len(data)}] {page.title}")
            backdate(page, published_at(item))
            pages[item["slug"]] = page
        for item in data:
            page = pages[item["slug"]]
            if item.get("related") and not page.pinned_related.exists():
                RelatedArticle.objects.bulk_create(
                    RelatedArticle(page=page, article=pages[slug], sort_order=order)
                    for order, slug in enumerate(item["related"])
                )

    def create_article(self, item, column, authors, sources, roles, editor):
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            kicker=item.get("kicker", ""),
            standfirst=item.get("standfirst", ""),
            body=[
                self.block(block, item["slug"], index)
                for index, block in enumerate(item["body"])
            ],
            source=sources[item["source"]],
            responsible_editor=editor,
        )
        lead = item.get("lead_image")
        if lead:
            page.lead_image = demo_image(
                f"lead-{item['slug']}", alt=lead["alt"], credit=lead.get("credit", "")
            )
            page.lead_image_caption = lead["caption"]
        page.bylines = [
            ArticleByline(role=roles[role], author=authors[slug], sort_order=order)
            for order, (role, slug) in enumerate(item["bylines"])
        ]
        page.tags.add(*item.get("tags", []))
        column.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    def block(self, block: dict, slug: str, index: int) -> dict:
        kind = block["type"]
        if kind == "paragraph":
            return {"type": kind, "value": f"<p>{escape(block['text'])}</p>"}
        if kind == "thesis":
            return {
                "type": kind,
                "value": {"lead": block["lead"], "text": block["text"]},
            }
        if kind == "subheading":
            return {"type": kind, "value": block["text"]}
        if kind == "quote":
            return {
                "type": kind,
                "value": {
                    "text": block["text"],
                    "attribution": block.get("attribution", ""),
                },
            }
        if kind == "list":
            return {
                "type": kind,
                "value": {
                    "ordered": block.get("ordered", False),
                    "items": block["items"],
                },
            }
        if kind == "image":
            image = demo_image(
                f"body-{slug}-{index}", alt=block["alt"], credit=block.get("credit", "")
            )
            return {
                "type": kind,
                "value": {
                    "image": {
                        "image": image.pk,
                        "alt_text": block["alt"],
                        "decorative": False,
                    },
                    "caption": block.get("caption", ""),
                },
            }
        raise ValueError(f"Unknown demo block type {kind!r} in {slug}")

    def summary(self) -> str:
        """What was loaded, where the admin is (WAGTAILADMIN_BASE_URL, which
        `make run` sets to the address it serves, and WAGTAILADMIN_PATH), and
        who can log in as which role."""
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailadmin_home"
        )
        if self.usable_passwords:
            login = f"password for every demo user: {DEMO_PASSWORD}"
        else:
            login = "DEBUG is off: demo users have no usable password"
        User = get_user_model()
        lines = [
            f"Demo ready: {ColumnPage.objects.count()} columns, "
            f"{ArticlePage.objects.live().count()} articles, "
            f"{Author.objects.count()} authors.",
            f"Admin: {admin_url}",
            f"Demo users ({login}):",
            "  admin      superuser",
        ]
        for username, group_name, _family, _given in DEMO_USERS:
            user = User.objects.get(username=username)
            lines.append(f"  {username:<10} {group_name} {display_name(user)}")
        return "\n".join(lines)


def published_at(item) -> datetime:
    return datetime.fromisoformat(item["published"]).replace(tzinfo=LOCAL_TZ)


def backdate(page, published: datetime) -> None:
    """Publish dates from the demo data, through save() so that the date
    lists sort by (listed_at) follows them; a re-run repairs older loads."""
    if page.first_published_at == published and page.listed_at == (
        page.display_date or published
    ):
        return
    page.first_published_at = page.last_published_at = published
    page.save(update_fields=["first_published_at", "last_published_at"], clean=False)
