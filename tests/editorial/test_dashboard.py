"""The editor's desk on the admin dashboard."""

import datetime as dt

from bs4 import BeautifulSoup
from django.db import connection
from django.template import Context, Template
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import ColumnPage
from tests.articles.factories import ArticlePageFactory

from .newsroom import build_newsroom, piece, sent_back, submitted

COMMENT = "标题太长,请压缩到二十字以内。"


def desk(response) -> dict[str, list[int]]:
    """Page ids listed in each section of the desk."""
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        table["data-desk-section"]: [
            int(row["data-page-id"]) for row in table.select("tr[data-page-id]")
        ]
        for table in soup.select("[data-desk-section]")
    }


class EditorsDeskTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.draft = piece(newsroom, title="还在写的稿子")
        cls.returned = piece(newsroom, title="被退回的稿子")
        sent_back(newsroom, cls.returned, newsroom.editor, COMMENT)
        cls.in_first_review = piece(newsroom, title="等初审的稿子")
        submitted(newsroom, cls.in_first_review)
        cls.in_second_review = piece(newsroom, title="等复审的稿子")
        submitted(newsroom, cls.in_second_review, approvals=[newsroom.editor])
        cls.scheduled = piece(newsroom, title="定时发布的稿子")
        cls.scheduled.save_revision(
            user=newsroom.writer,
            approved_go_live_at=timezone.now() + dt.timedelta(days=1),
        )
        cls.published = ArticlePageFactory(
            parent=newsroom.three_step, owner=newsroom.writer, title="已发布的稿子"
        )
        cls.elsewhere = piece(newsroom, column=newsroom.other, owner=newsroom.chief)
        submitted(newsroom, cls.elsewhere)

    def desk_of(self, username):
        self.client.force_login(self.newsroom.users[username])
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return response

    def test_writer_sees_drafts_sent_back_scheduled_and_published_pieces(self):
        response = self.desk_of("writer")
        sections = desk(response)
        self.assertEqual(sections["drafts"], [self.draft.pk])
        self.assertEqual(sections["sent-back"], [self.returned.pk])
        self.assertEqual(sections["scheduled"], [self.scheduled.pk])
        self.assertEqual(sections["published"], [self.published.pk])
        self.assertNotIn("to-review", sections)
        self.assertContains(response, COMMENT)
        self.assertContains(response, "初审 · 周明哲")  # step and reviewer

    def test_reviewers_see_only_what_waits_for_their_step_in_their_columns(self):
        self.assertEqual(
            desk(self.desk_of("editor"))["to-review"], [self.in_first_review.pk]
        )
        self.assertEqual(
            desk(self.desk_of("deputy"))["to-review"], [self.in_second_review.pk]
        )
        self.assertNotIn("to-review", desk(self.desk_of("chief")))

    def test_editor_of_a_column_sees_its_scheduled_and_published_pieces(self):
        sections = desk(self.desk_of("editor"))
        self.assertEqual(sections["scheduled"], [self.scheduled.pk])
        self.assertEqual(sections["published"], [self.published.pk])
        self.assertNotIn("drafts", sections)  # the writer's drafts are theirs

    def test_desk_replaces_wagtails_own_workflow_panels(self):
        html = self.desk_of("editor").content.decode()
        self.assertNotIn('id="objects-in-workflow"', html)
        self.assertNotIn('id="workflow-objects-to-moderate"', html)
        self.assertIn('data-desk-section="to-review"', html)

    def test_query_count_does_not_grow_with_the_number_of_pieces(self):
        newsroom = self.newsroom
        counts = {}
        for round_ in ("few", "many"):
            if round_ == "many":
                for n in range(4):
                    piece(newsroom, title=f"草稿{n}")
                    sent_back(newsroom, piece(newsroom), newsroom.editor, COMMENT)
                    submitted(newsroom, piece(newsroom))
                    ArticlePageFactory(
                        parent=newsroom.three_step, owner=newsroom.writer
                    )
            for username in ("writer", "editor"):
                self.client.force_login(newsroom.users[username])
                self.client.get(reverse("wagtailadmin_home"))  # warm caches
                with CaptureQueriesContext(connection) as queries:
                    self.client.get(reverse("wagtailadmin_home"))
                counts[round_, username] = len(queries)
        for username in ("writer", "editor"):
            self.assertEqual(counts["few", username], counts["many", username])

    def test_reviewers_see_the_due_time_when_the_column_sets_a_turnaround(self):
        soup = BeautifulSoup(self.desk_of("editor").content, "html.parser")
        row = soup.select_one(f'tr[data-page-id="{self.in_first_review.pk}"]')
        self.assertEqual(row.select_one("[data-desk-due]").text.strip(), "—")

        ColumnPage.objects.filter(pk=self.newsroom.three_step.pk).update(
            review_turnaround_hours=24
        )
        task_state = self.in_first_review.current_workflow_task_state
        started = timezone.now() - dt.timedelta(hours=30)
        type(task_state).objects.filter(pk=task_state.pk).update(started_at=started)
        soup = BeautifulSoup(self.desk_of("editor").content, "html.parser")
        row = soup.select_one(f'tr[data-page-id="{self.in_first_review.pk}"]')
        due = timezone.localtime(started + dt.timedelta(hours=24))
        self.assertEqual(
            row.select_one("[data-desk-due]").text.strip(),
            f"已超期 · {due:%Y-%m-%d %H:%M}",
        )


class DeskOrderAndTimesTests(TestCase):
    """What waits for a reviewer comes oldest first; a writer's piece in
    review says since when it has been at its current step."""

    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        now = timezone.now()
        cls.pieces = []
        # Submitted in this order, but waiting 1, 5 and 3 hours.
        for title, hours in (("一小时", 1), ("五小时", 5), ("三小时", 3)):
            page = piece(newsroom, title=f"等了{title}的稿子")
            state = submitted(newsroom, page).current_task_state
            type(state).objects.filter(pk=state.pk).update(
                started_at=now - dt.timedelta(hours=hours)
            )
            cls.pieces.append(page)
        cls.at_second_step = piece(newsroom, title="在复审的稿子")
        state = submitted(
            newsroom, cls.at_second_step, approvals=[newsroom.editor]
        ).current_task_state
        cls.second_step_since = now - dt.timedelta(hours=30)
        type(state).objects.filter(pk=state.pk).update(started_at=cls.second_step_since)

    def desk_of(self, username):
        self.client.force_login(self.newsroom.users[username])
        return self.client.get(reverse("wagtailadmin_home"))

    def test_the_review_queue_is_oldest_first(self):
        five, one, three = self.pieces[1], self.pieces[0], self.pieces[2]
        self.assertEqual(
            desk(self.desk_of("editor"))["to-review"], [five.pk, three.pk, one.pk]
        )

    def test_in_review_says_since_when_the_current_step_waits(self):
        soup = BeautifulSoup(self.desk_of("writer").content, "html.parser")
        section = soup.select_one('[data-desk-section="in-review"]')
        row = section.select_one(f'tr[data-page-id="{self.at_second_step.pk}"]')
        since = row.select_one("[data-desk-since]")
        expected = Template(
            "{% load wagtailadmin_tags %}{% human_readable_date since %}"
        ).render(Context({"since": self.second_step_since}))
        self.assertEqual(
            since.get_text(" ", strip=True),
            BeautifulSoup(expected, "html.parser").get_text(" ", strip=True),
        )
        self.assertIn("小时前", since.get_text())  # 30 hours ago, in Chinese
