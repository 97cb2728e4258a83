"""Editors talking about a draft: Wagtail's comments on the edit form for
every role in the chain, in Chinese; open comments and send-back comments
on the writer's desk; resolved comments kept in the piece's history; and
the banner on a withdrawn article's editor."""

import json

from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Comment

from articles import withdrawal
from tests.articles.factories import ArticlePageFactory

from .newsroom import (
    build_newsroom,
    edit_form_data,
    edit_url,
    piece,
    sent_back,
    submitted,
)

SEND_BACK = "第二段的数据请注明出处。"


def comment_forms(*comments) -> dict:
    """The comments formset as the editor's comment widget posts it: each
    comment a (text, id, resolved) triple; id "" for a new one."""
    data = {
        "comments-TOTAL_FORMS": str(len(comments)),
        "comments-INITIAL_FORMS": str(sum(1 for c in comments if c[1])),
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for n, (text, pk, resolved) in enumerate(comments):
        prefix = f"comments-{n}"
        data.update(
            {
                f"{prefix}-id": str(pk or ""),
                f"{prefix}-contentpath": "title",
                f"{prefix}-text": text,
                f"{prefix}-position": "",
                f"{prefix}-DELETE": "",
                f"{prefix}-resolved": "on" if resolved else "",
                f"{prefix}-replies-TOTAL_FORMS": "0",
                f"{prefix}-replies-INITIAL_FORMS": "0",
                f"{prefix}-replies-MIN_NUM_FORMS": "0",
                f"{prefix}-replies-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def comments_data(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    return json.loads(soup.find(id="comments-data").string)


class DraftCommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()

    def open_editor(self, username, page):
        self.client.force_login(self.newsroom.users[username])
        response = self.client.get(edit_url(page))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def comment_as(self, username, page, text, *existing):
        """Save the draft with a new comment on its title, as `username`
        does from the editor (Wagtail's comment widget posts the formset)."""
        html = self.open_editor(username, page)
        data = edit_form_data(html)
        data.update(comment_forms(*existing, (text, None, False)))
        response = self.client.post(edit_url(page), data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        return Comment.objects.get(page=page, text=text)

    def test_every_role_in_the_chain_comments_on_the_draft_in_chinese(self):
        newsroom = self.newsroom
        page = piece(newsroom, title="三审都要说话的稿子")
        # The writer before submitting, then each step's reviewer in turn.
        steps = [
            ("writer", []),
            ("editor", []),
            ("deputy", [newsroom.editor]),
            ("chief", [newsroom.editor, newsroom.deputy]),
        ]
        for username, approvals in steps:
            if username == "editor":
                state = submitted(newsroom, page)
            elif approvals:
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, approvals[-1], "approve")
                state.refresh_from_db()
            html = self.open_editor(username, page)
            self.assertIn('aria-label="添加评论"', html)
            author = comments_data(html)["authors"]
            user = newsroom.users[username]
            family, given = user.last_name, user.first_name
            self.assertEqual(author[str(user.pk)]["name"], family + given)
            existing = [
                (c.text, c.pk, False)
                for c in Comment.objects.filter(page=page).order_by("pk")
            ]
            comment = self.comment_as(username, page, f"{username}的意见", *existing)
            self.assertEqual(comment.user, user)
        self.assertEqual(Comment.objects.filter(page=page).count(), 4)

    def test_open_comments_and_the_send_back_comment_show_on_the_writers_desk(self):
        newsroom = self.newsroom
        returned = piece(newsroom, title="退回的稿子")
        in_review = piece(newsroom, title="审着的稿子")
        submitted(newsroom, in_review)
        self.comment_as("editor", in_review, "标题再短一点")
        resolved = self.comment_as("editor", in_review, "已经改好的地方")
        resolved.resolved_at = resolved.created_at
        resolved.save()
        sent_back(newsroom, returned, newsroom.editor, SEND_BACK)
        Comment.objects.create(
            page=returned, user=newsroom.editor, text="导语太长", contentpath="title"
        )

        self.client.force_login(newsroom.writer)
        soup = BeautifulSoup(
            self.client.get(reverse("wagtailadmin_home")).content, "html.parser"
        )
        returned_row = soup.select_one(
            f'[data-desk-section="sent-back"] tr[data-page-id="{returned.pk}"]'
        )
        self.assertIn(SEND_BACK, returned_row.text)
        self.assertIn("周明哲：导语太长", returned_row.text)
        review_row = soup.select_one(
            f'[data-desk-section="in-review"] tr[data-page-id="{in_review.pk}"]'
        )
        self.assertIn("初审", review_row.text)
        self.assertIn("周明哲", review_row.select_one("[data-desk-reviewers]").text)
        self.assertIn("周明哲：标题再短一点", review_row.text)
        self.assertNotIn("已经改好的地方", review_row.text)

    def test_a_comment_resolved_at_one_step_stays_in_the_pieces_history(self):
        newsroom = self.newsroom
        page = piece(newsroom, title="意见解决以后")
        submitted(newsroom, page)
        comment = self.comment_as("editor", page, "请核实引语出处")
        # The editor resolves it and passes the piece on to 复审.
        html = self.open_editor("editor", page)
        data = edit_form_data(html)
        data.update(comment_forms((comment.text, comment.pk, True)))
        self.assertEqual(self.client.post(edit_url(page), data).status_code, 302)
        comment.refresh_from_db()
        self.assertIsNotNone(comment.resolved_at)
        state = page.current_workflow_state
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, newsroom.editor, "approve")

        self.client.force_login(newsroom.deputy)
        history = self.client.get(
            reverse("wagtailadmin_pages:history", args=(page.pk,))
        )
        self.assertContains(history, "解决了评论")
        self.assertContains(history, "请核实引语出处")
        self.assertContains(history, "周明哲")


class WithdrawnArticleEditorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.newsroom = newsroom = build_newsroom()
        cls.article = ArticlePageFactory(
            parent=newsroom.three_step,
            title="要撤下的稿子",
            bylines=[("记者", newsroom.author)],
        )

    def editor_html(self):
        self.client.force_login(self.newsroom.chief)
        return self.client.get(edit_url(self.article)).content.decode()

    def banner(self):
        return BeautifulSoup(self.editor_html(), "html.parser").select_one(
            "[data-withdrawal-banner]"
        )

    def test_a_shown_article_has_no_banner(self):
        self.assertIsNone(self.banner())

    def test_a_retracted_article_says_so_with_its_public_reason(self):
        withdrawal.perform(
            withdrawal.RETRACT, self.article, self.newsroom.chief, "数据有误"
        )
        text = self.banner().text
        self.assertIn("本文已撤稿", text)
        self.assertIn("撤稿原因（公开）：数据有误", text)
        self.assertIn("HTTP 410", text)

    def test_a_taken_down_article_says_so_with_its_internal_reason(self):
        withdrawal.perform(
            withdrawal.TAKE_DOWN, self.article, self.newsroom.chief, "法律要求"
        )
        text = self.banner().text
        self.assertIn("本文已下线", text)
        self.assertIn("下线原因（仅内部记录）：法律要求", text)
        self.assertIn("只有总编辑可以恢复", text)
