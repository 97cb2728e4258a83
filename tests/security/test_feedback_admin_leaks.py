"""No admin page shows a reader's feedback to someone who may not see it.

Every admin URL that belongs to feedback is found through Django's URL
resolver (the snippet viewset's views, and the bulk-action URL with every
action the registry knows), so a view or bulk action added later is tried
without editing this file. Each is requested by every newsroom role with
the ids of items the role may not see: items of a column nobody on the
role's team covers, spam, items whose author did not consent to
publication. Who may see which column is written out here, not asked of
the code under test."""

import re

from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from feedback.models import Feedback, Kind, State
from tests.articles.factories import ArticlePageFactory
from tests.core.factories import UserFactory
from tests.editorial.newsroom import build_newsroom
from tests.feedback.factories import FeedbackFactory, handler, walk_to

ROLES = ["writer", "editor", "deputy", "chief", "feedback", "siteadmin", "clerk"]
BULK_URL_NAME = "wagtail_bulk_action"
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def admin_patterns(patterns, route="", namespace=""):
    """(route, name) of every URL pattern, nested includes flattened."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = pattern.namespace
                if namespace:
                    inner = f"{namespace}:{inner}"
            yield from admin_patterns(
                pattern.url_patterns, route + str(pattern.pattern), inner
            )
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            if namespace:
                name = f"{namespace}:{name}"
            yield route + str(pattern.pattern), name


def feedback_admin_routes() -> list[tuple[str, str]]:
    """The admin's feedback views (route or name mentions feedback) and the
    bulk-action URL."""
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")
    routes = [
        (route, name)
        for route, name in admin_patterns(get_resolver().url_patterns)
        if name == BULK_URL_NAME
        or (route.startswith(admin_prefix) and ("feedback" in route + name))
    ]
    assert any(name == BULK_URL_NAME for _, name in routes), routes
    return routes


def every_bulk_action_type() -> set[str]:
    """Every action type registered for any model (so Wagtail's own
    `delete` is tried on feedback even where feedback does not offer it)."""
    bulk_action_registry._scan_for_bulk_actions()
    return {
        action_type
        for models in bulk_action_registry.actions.values()
        for actions in models.values()
        for action_type in actions
    }


def fill(route: str, value) -> str:
    return "/" + PARAMETER.sub(str(value), route)


class FeedbackAdminLeakTests(TestCase):
    maxDiff = None

    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        staff = handler(username="leak-staff")
        own = ArticlePageFactory(parent=newsroom.three_step, slug="leak-own")
        elsewhere = ArticlePageFactory(parent=newsroom.other, slug="leak-elsewhere")
        # Someone with the feedback model permissions but no column: sees
        # every item (view_feedback), works none of them (no change_feedback).
        clerk = UserFactory(username="leak-clerk")
        clerk.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", "view_feedback"])
        )
        newsroom.users["clerk"] = clerk

        def item(article, label, state=State.SUBMITTED, **fields):
            message = (
                f"私密反馈{label}：这段读者原话只有能看到这条反馈的人才能读到，"
                "别处不得出现。"
            )
            return walk_to(
                FeedbackFactory(article=article, message=message, **fields),
                state,
                staff,
            )

        cls.items = {
            "other-column": item(elsewhere, "甲"),
            "other-column-spam": item(
                elsewhere, "乙", State.SPAM, kind=Kind.COMMENT, consent_public=False
            ),
            "other-column-no-consent": item(
                elsewhere, "丙", State.ACCEPTED, consent_public=False
            ),
            "own-column-spam": item(own, "丁", State.SPAM, kind=Kind.COMMENT),
            "own-column-no-consent": item(
                own, "戊", kind=Kind.COMMENT, consent_public=False
            ),
        }
        columns = {
            "other-column": newsroom.other,
            "other-column-spam": newsroom.other,
            "other-column-no-consent": newsroom.other,
            "own-column-spam": newsroom.three_step,
            "own-column-no-consent": newsroom.three_step,
        }
        everything = set(cls.items)
        # Who may see which items, by the rules in docs/feedback.md: feedback
        # staff every item; editors the columns they cover (the column
        # editor: 青岚时评 and 民生观察; deputy and chief: the whole site).
        cls.may_see = {
            "writer": set(),
            "siteadmin": set(),
            "editor": {
                key
                for key, column in columns.items()
                if column in (newsroom.three_step, newsroom.two_step)
            },
            "deputy": everything,
            "chief": everything,
            "feedback": everything,
            "clerk": everything,
        }

    def hidden_from(self, username) -> list[Feedback]:
        return [
            item
            for key, item in self.items.items()
            if key not in self.may_see[username]
        ]

    def urls(self) -> list[str]:
        """Every feedback admin URL, filled with each private item's id; the
        bulk actions with the ids of all of them, and with id=all."""
        ids = "&".join(f"id={item.pk}" for item in self.items.values())
        urls = []
        for route, name in feedback_admin_routes():
            if name == BULK_URL_NAME:
                for action in sorted(every_bulk_action_type()):
                    url = reverse(BULK_URL_NAME, args=["feedback", "feedback", action])
                    urls += [f"{url}?{ids}", f"{url}?id=all"]
            elif PARAMETER.search(route):
                urls += [fill(route, item.pk) for item in self.items.values()]
            else:
                url = fill(route, "")
                urls += [url, f"{url}?export=csv", f"{url}?q=私密反馈"]
        return urls

    @staticmethod
    def shown(body: str, items) -> list[str]:
        """The private items whose text (or a 12-character prefix of it, so
        any 30-character excerpt) or 查询码 the body shows."""
        return [
            item.message[:12]
            for item in items
            if any(
                secret in body
                for secret in (item.message, item.message[:12], item.tracking_code)
            )
        ]

    def test_the_url_walk_finds_the_views_and_bulk_actions(self):
        urls = self.urls()

        self.assertIn(
            reverse("wagtailsnippets_feedback_feedback:edit", args=[1]).replace(
                "/1/", f"/{self.items['other-column'].pk}/"
            ),
            urls,
        )
        for action in ["feedback_accept", "feedback_spam", "delete"]:
            self.assertTrue(any(f"/{action}/" in url for url in urls), action)

    def test_no_feedback_admin_page_shows_an_item_to_a_role_that_may_not_see_it(
        self,
    ):
        urls = self.urls()
        leaks = []
        for username in ROLES:
            hidden = self.hidden_from(username)
            if not hidden:
                continue
            self.client.force_login(self.newsroom.users[username])
            for url in urls:
                response = self.client.get(url)
                context = f"{username} GET {url} → {response.status_code}"
                self.assertLess(response.status_code, 500, context)
                if shown := self.shown(body_of(response), hidden):
                    leaks.append(f"{context}: {shown}")
        self.assertEqual(leaks, [])

    def test_bulk_actions_leave_items_a_role_may_not_see_alone(self):
        ids = "&".join(f"id={item.pk}" for item in self.items.values())
        leaks = []
        for username in ROLES:
            hidden = self.hidden_from(username)
            if not hidden:
                continue
            self.client.force_login(self.newsroom.users[username])
            for action in sorted(every_bulk_action_type()):
                url = reverse(BULK_URL_NAME, args=["feedback", "feedback", action])
                before = {
                    row["pk"]: row
                    for row in Feedback.objects.values("pk", "state", "is_public")
                }
                for query in (ids, "id=all"):
                    response = self.client.post(f"{url}?{query}", follow=True)
                    context = f"{username} POST {url}?{query}"
                    self.assertLess(response.status_code, 500, context)
                    if shown := self.shown(body_of(response), hidden):
                        leaks.append(f"{context}: {shown}")
                after = {
                    row["pk"]: row
                    for row in Feedback.objects.values("pk", "state", "is_public")
                }
                for item in hidden:
                    if after.get(item.pk) != before[item.pk]:
                        leaks.append(f"{username} {action} changed {item.pk}")
        self.assertEqual(leaks, [])
