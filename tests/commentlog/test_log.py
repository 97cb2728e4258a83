"""The comment operations log: every comment-related event written once with
who, the full IP, when, what and the content's SHA-256; kept at least 180
days whatever the setting says; no code path changes a row or removes one
within its retention (on PostgreSQL the trigger refuses too); erasing
contact details and purging spam leave the rows."""

import datetime as dt
import hashlib
import io

import pytest
from django.contrib.auth.models import Group
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from commentlog import log
from commentlog.models import Action, CommentLogEntry
from core.models import AppendOnlyError
from feedback import lifecycle
from feedback.models import Feedback, Kind
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, form_data, handler
from tests.home.factories import get_home_page

OLD = timezone.now() - dt.timedelta(days=400)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger is PostgreSQL's"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class RecordTests(TestCase):
    def test_a_row_has_commenter_full_ip_time_action_and_content_hash(self):
        before = timezone.now()
        row = log.record(
            Action.VERIFY,
            ip="2001:db8:1234:5678:9abc:def0:1234:5678",
            reader=42,
            content="评论原文",
            detail={"last4": "8000"},
        )
        row.refresh_from_db()
        self.assertEqual(row.action, "verify")
        self.assertEqual(row.reader_id, 42)
        self.assertEqual(row.ip_address, "2001:db8:1234:5678:9abc:def0:1234:5678")
        self.assertEqual(row.content_sha256, sha("评论原文"))
        self.assertGreaterEqual(row.created_at, before)
        self.assertEqual(row.detail, {"last4": "8000"})

    def test_a_row_is_kept_at_least_180_days(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1")
        self.assertEqual(row.retained_until - row.created_at, dt.timedelta(days=180))

    @override_settings(COMMENT_LOG_RETENTION_DAYS=30)
    def test_a_shorter_setting_never_shortens_the_retention(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1")
        self.assertEqual(row.retained_until - row.created_at, dt.timedelta(days=180))
        self.assertEqual(CommentLogEntry.retention_days(), 180)

    @override_settings(COMMENT_LOG_RETENTION_DAYS=400)
    def test_a_longer_setting_keeps_rows_longer(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1")
        self.assertEqual(row.retained_until - row.created_at, dt.timedelta(days=400))

    def test_the_setting_below_180_days_fails_the_system_check(self):
        with override_settings(COMMENT_LOG_RETENTION_DAYS=90):
            self.assertIn("commentlog.E001", [e.id for e in run_checks()])
        with override_settings(COMMENT_LOG_RETENTION_DAYS=180):
            self.assertNotIn("commentlog.E001", [e.id for e in run_checks()])

    def test_no_code_path_changes_or_deletes_a_row(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1", content="原文")
        row.content_sha256 = sha("改过")
        with self.assertRaises(AppendOnlyError):
            row.save()
        with self.assertRaises(AppendOnlyError):
            row.delete()
        with self.assertRaises(AppendOnlyError):
            CommentLogEntry.objects.filter(pk=row.pk).update(ip_address=None)
        with self.assertRaises(AppendOnlyError):
            CommentLogEntry.objects.filter(pk=row.pk).delete()
        with self.assertRaises(AppendOnlyError):
            CommentLogEntry.objects.bulk_update([row], ["content_sha256"])
        row.refresh_from_db()
        self.assertEqual(row.content_sha256, sha("原文"))

    def test_only_rows_past_their_retention_can_go(self):
        old = CommentLogEntry.objects.create(action=Action.SUBMIT, created_at=OLD)
        young = CommentLogEntry.objects.create(
            action=Action.SUBMIT,
            created_at=timezone.now() - dt.timedelta(days=179),
        )
        self.assertEqual(CommentLogEntry.objects.delete_expired(), 1)
        self.assertFalse(CommentLogEntry.objects.filter(pk=old.pk).exists())
        self.assertTrue(CommentLogEntry.objects.filter(pk=young.pk).exists())


class PurgeCommandTests(TestCase):
    def test_the_scheduled_purge_removes_only_expired_rows(self):
        CommentLogEntry.objects.create(action=Action.SUBMIT, created_at=OLD)
        young = log.record(Action.SUBMIT, ip="192.0.2.1")
        out = io.StringIO()
        call_command("purge_comment_log", stdout=out)
        self.assertIn("Removed 1", out.getvalue())
        self.assertEqual(
            list(CommentLogEntry.objects.values_list("pk", flat=True)), [young.pk]
        )


@postgresql_only
class TriggerTests(TestCase):
    def raw(self, sql, params=()):
        table = connection.ops.quote_name(CommentLogEntry._meta.db_table)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql.format(table=table), params)
            return cursor.rowcount

    def test_the_database_refuses_an_update(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1")
        with self.assertRaisesMessage(DatabaseError, "append-only"):
            self.raw("UPDATE {table} SET ip_address = NULL WHERE id = %s", [row.pk])
        row.refresh_from_db()
        self.assertEqual(row.ip_address, "192.0.2.1")

    def test_the_database_refuses_deleting_a_row_within_retention(self):
        row = log.record(Action.SUBMIT, ip="192.0.2.1")
        with self.assertRaisesMessage(DatabaseError, "retention"):
            self.raw("DELETE FROM {table} WHERE id = %s", [row.pk])
        self.assertTrue(CommentLogEntry.objects.filter(pk=row.pk).exists())

    def test_the_database_lets_an_expired_row_go(self):
        CommentLogEntry.objects.create(action=Action.SUBMIT, created_at=OLD)
        self.assertEqual(self.raw("DELETE FROM {table}"), 1)


class FeedbackEventsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page(), title="青岚时评")
        cls.article = ArticlePageFactory(parent=cls.column, title="窗口办事")

    def setUp(self):
        self.settings_override = override_settings(
            FEEDBACK_RATE_LIMIT_PER_IP=(1000, 600),
            FEEDBACK_RATE_LIMIT_PER_ARTICLE=(1000, 3600),
        )
        self.settings_override.enable()
        self.addCleanup(self.settings_override.disable)

    def post(self, **fields):
        return self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            form_data(self.article, **fields),
            REMOTE_ADDR="203.0.113.77",
        )

    def test_a_submission_logs_submit_and_screening_with_full_ip_and_hash(self):
        self.post(kind="comment", message="说得在理，支持。")
        item = Feedback.objects.get()
        rows = list(CommentLogEntry.objects.filter(item_id=item.pk).order_by("pk"))
        self.assertEqual([r.action for r in rows], ["submit", "screen"])
        for row in rows:
            self.assertEqual(row.content_sha256, sha("说得在理，支持。"))
            self.assertEqual(row.article_id, self.article.pk)
        self.assertEqual(rows[0].ip_address, item.ip_address)
        self.assertEqual(rows[1].ip_address, item.ip_address)
        self.assertEqual(rows[1].detail["screening"], "clean")

    def test_moderation_is_logged_with_the_staff_member(self):
        item = FeedbackFactory(article=self.article, kind=Kind.COMMENT)
        staff = handler()
        lifecycle.publish(item, staff)
        lifecycle.hide(item, staff, "与文章无关")
        rows = CommentLogEntry.objects.filter(item_id=item.pk, action="moderate")
        self.assertEqual(
            list(rows.order_by("pk").values_list("step", "user_id")),
            [("publish", staff.pk), ("hide", staff.pk)],
        )

    def test_a_report_is_logged_with_the_reporters_ip(self):
        item = FeedbackFactory(article=self.article, kind=Kind.COMMENT)
        lifecycle.publish(item, handler())
        self.client.post(
            reverse("feedback:report", args=[item.pk]),
            {"reason": "abuse"},
            REMOTE_ADDR="198.51.100.9",
        )
        row = CommentLogEntry.objects.get(item_id=item.pk, action="report")
        self.assertEqual(row.ip_address, "198.51.100.9")

    def test_erasing_contacts_and_purging_spam_keep_the_log_rows(self):
        self.post(kind="comment", message="垃圾广告加微信")
        item = Feedback.objects.get()
        lifecycle.mark_spam(item, handler())
        Feedback.objects.filter(pk=item.pk).update(
            finished_at=timezone.now() - dt.timedelta(days=40)
        )
        before = CommentLogEntry.objects.filter(item_id=item.pk).count()
        call_command("erase_feedback_contacts", stdout=io.StringIO())
        call_command("purge_feedback_spam", stdout=io.StringIO())

        self.assertFalse(Feedback.objects.filter(pk=item.pk).exists())
        rows = CommentLogEntry.objects.filter(item_id=item.pk)
        self.assertEqual(
            set(rows.values_list("action", flat=True)),
            {"submit", "screen", "moderate", "erase_contact", "purge"},
        )
        self.assertEqual(rows.count(), before + 2)
        submit = rows.get(action="submit")
        self.assertEqual(submit.ip_address, "203.0.113.77")
        self.assertEqual(submit.content_sha256, sha("垃圾广告加微信"))


class ExportTests(TestCase):
    def test_export_command_writes_the_range_as_safe_csv(self):
        inside = log.record(Action.SUBMIT, ip="192.0.2.1", content="x")
        CommentLogEntry.objects.create(
            action=Action.SUBMIT, created_at=OLD, user_name="old"
        )
        CommentLogEntry.objects.create(action=Action.SWITCH, user_name="=SUM(A1)")
        today = timezone.localdate().isoformat()
        out = io.StringIO()
        call_command(
            "export_comment_log",
            "--from",
            today,
            "--to",
            today,
            stdout=out,
            stderr=io.StringIO(),
        )
        text = out.getvalue()
        self.assertTrue(text.startswith("\ufeffid,time,action"))
        self.assertIn(f"{inside.pk},", text)
        self.assertIn("192.0.2.1", text)
        self.assertNotIn(",old,", text)
        # The same formula escaping as the feedback export (security's safe_cell).
        self.assertIn(",'=SUM(A1),", text)
        self.assertNotIn(",=SUM", text)
        self.assertTrue(
            CommentLogEntry.objects.filter(action="export", step="command").exists()
        )

    def test_export_command_refuses_a_bad_date(self):
        from django.core.management.base import CommandError

        with self.assertRaises(CommandError):
            call_command("export_comment_log", "--from", "2026-13-01", "--to", "x")


class AdminAccessTests(TestCase):
    def user_in(self, group_name):
        user = UserFactory(username=group_name)
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        return user

    @classmethod
    def setUpTestData(cls):
        call_command("setup_newsroom", stdout=io.StringIO())

    def test_only_the_site_administrator_reads_and_exports_the_log(self):
        log.record(Action.SUBMIT, ip="192.0.2.55", content="x")
        admin = self.user_in("站点管理员")
        self.client.force_login(admin)
        self.assertContains(self.client.get(reverse("commentlog:index")), "192.0.2.55")
        export = self.client.get(reverse("commentlog:export"))
        self.assertEqual(export.status_code, 200)
        self.assertIn("192.0.2.55", b"".join(export.streaming_content).decode())
        self.assertTrue(
            CommentLogEntry.objects.filter(action="export", user_id=admin.pk).exists()
        )
        for role in ("总编辑", "副总编辑", "编辑", "撰稿人", "反馈处理员"):
            self.client.force_login(self.user_in(role))
            for name in ("commentlog:index", "commentlog:export"):
                response = self.client.get(reverse(name))
                # Wagtail turns the refusal into a redirect with a message.
                self.assertIn(response.status_code, (302, 403), (role, name))
                self.assertNotIn(b"192.0.2.55", response.content)
