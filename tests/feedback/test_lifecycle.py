"""Every lifecycle step, every forbidden one, deadlines and the history."""

import datetime as dt
import io
from unittest import mock

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from feedback import lifecycle
from feedback.deadlines import add_working_days, is_working_day
from feedback.lifecycle import TransitionNotAllowed
from feedback.models import Feedback, FeedbackEvent, Kind, Rating, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler, walk_to
from tests.home.factories import get_home_page

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class LifecycleTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        column = ColumnPageFactory(parent=get_home_page())
        cls.article = ArticlePageFactory(parent=column)
        cls.handler = handler()

    def item(self, state=State.SUBMITTED, **fields) -> Feedback:
        return walk_to(
            FeedbackFactory(article=self.article, **fields), state, self.handler
        )


class AnsweredKindTransitionTests(LifecycleTestCase):
    def test_accept_moves_submitted_to_accepted_and_starts_the_reply_clock(self):
        item = self.item()

        lifecycle.accept(item, self.handler)

        self.assertEqual(item.state, State.ACCEPTED)
        self.assertIsNotNone(item.accepted_at)
        self.assertGreater(item.reply_due, item.accepted_at)

    def test_reject_needs_a_reason_and_records_it(self):
        item = self.item()
        with self.assertRaisesMessage(TransitionNotAllowed, "需要填写理由"):
            lifecycle.reject(item, self.handler, "  ")

        lifecycle.reject(item, self.handler, "不属于本网受理范围")

        self.assertEqual(item.state, State.REJECTED)
        event = item.events.get(action="reject")
        self.assertEqual(event.reason, "不属于本网受理范围")
        self.assertEqual(event.actor, self.handler)

    def test_spam_can_be_restored_with_a_reason(self):
        item = self.item(State.SPAM)

        lifecycle.restore(item, self.handler, "误判，读者在举报广告")

        self.assertEqual(item.state, State.SUBMITTED)
        self.assertIsNone(item.finished_at)

    def test_assign_moves_accepted_to_in_progress_with_the_assignee(self):
        item = self.item(State.ACCEPTED)
        colleague = handler(username="colleague")

        lifecycle.assign(item, self.handler, colleague)

        self.assertEqual(item.state, State.IN_PROGRESS)
        self.assertEqual(item.assignee, colleague)
        self.assertIn("承办人", item.events.get(action="assign").reason)

    def test_reassigning_keeps_the_item_in_progress(self):
        item = self.item(State.IN_PROGRESS)
        colleague = handler(username="colleague")

        lifecycle.assign(item, self.handler, colleague)

        self.assertEqual(item.state, State.IN_PROGRESS)
        self.assertEqual(item.assignee, colleague)

    def test_reply_moves_in_progress_to_replied_signed(self):
        item = self.item(State.IN_PROGRESS)

        answer = lifecycle.reply(
            item, self.handler, "已转交公交公司。", "苏一禾", "反馈处理员"
        )

        self.assertEqual(item.state, State.REPLIED)
        self.assertEqual(answer.signature_name, "苏一禾")
        self.assertEqual(item.first_replied_at, answer.created_at)

    def test_replying_to_an_accepted_item_takes_it_first(self):
        item = self.item(State.ACCEPTED)

        lifecycle.reply(item, self.handler, "已处理。", "苏一禾", "反馈处理员")

        self.assertEqual(item.assignee, self.handler)
        actions = list(item.events.values_list("action", flat=True))
        self.assertEqual(actions[-2:], ["assign", "reply"])

    def test_satisfied_rating_closes(self):
        for rating in (Rating.SATISFIED, Rating.BASICALLY_SATISFIED):
            with self.subTest(rating=rating):
                item = self.item(State.REPLIED)

                lifecycle.rate(item, rating)

                self.assertEqual(item.state, State.CLOSED)
                self.assertIsNotNone(item.finished_at)
                self.assertTrue(item.events.get(action="rate").by_submitter)

    def test_unsatisfied_rating_needs_a_reason_and_reopens(self):
        item = self.item(State.REPLIED)
        with self.assertRaisesMessage(TransitionNotAllowed, "需要填写理由"):
            lifecycle.rate(item, Rating.UNSATISFIED, "")

        lifecycle.rate(item, Rating.UNSATISFIED, "路灯还是不亮")

        self.assertEqual(item.state, State.IN_PROGRESS)
        self.assertEqual(item.reopen_count, 1)
        self.assertGreater(item.reply_due, timezone.now())
        self.assertIn("路灯还是不亮", item.events.get(action="reopen").reason)

    @override_settings(FEEDBACK_MAX_REOPENS=1)
    def test_unsatisfied_after_the_last_reopen_closes_with_the_rating(self):
        item = self.item(State.REPLIED)
        lifecycle.rate(item, Rating.UNSATISFIED, "还是不行")
        lifecycle.reply(item, self.handler, "再次处理。", "苏一禾", "反馈处理员")

        lifecycle.rate(item, Rating.UNSATISFIED, "仍然不满意")

        self.assertEqual(item.state, State.CLOSED)
        self.assertEqual(item.rating, Rating.UNSATISFIED)

    def test_staff_can_close_a_replied_item(self):
        item = self.item(State.REPLIED)

        lifecycle.close(item, self.handler, "电话回访，读者表示问题已解决")

        self.assertEqual(item.state, State.CLOSED)

    def test_publish_and_hide_an_answered_item(self):
        item = self.item(State.REPLIED)

        lifecycle.publish(item, self.handler)
        self.assertTrue(item.is_public)
        lifecycle.hide(item, self.handler, "涉及个人隐私")
        self.assertFalse(item.is_public)
        self.assertEqual(item.state, State.REPLIED)

    def test_correction_drafts_a_correction_with_the_revision_and_note(self):
        item = self.item(State.IN_PROGRESS, kind=Kind.CORRECTION)
        revision = self.article.save_revision(user=self.handler)

        lifecycle.record_correction(
            item, self.handler, revision, "第二段的日期已更正。"
        )

        item.refresh_from_db()
        correction = item.correction
        self.assertEqual(correction.article_id, self.article.pk)
        self.assertEqual(correction.revision, revision)
        self.assertEqual(correction.text, "第二段的日期已更正。")
        self.assertEqual(correction.state, correction.State.DRAFT)
        self.assertEqual(item.events.get(action="correction").reason, correction.text)


class ForbiddenTransitionTests(LifecycleTestCase):
    def assert_refused(self, step, item, *args):
        state = item.state
        with self.assertRaises(TransitionNotAllowed):
            step(item, *args)
        item.refresh_from_db()
        self.assertEqual(item.state, state)

    def test_each_forbidden_step_is_refused_and_changes_nothing(self):
        user = self.handler
        reply = ("回复", "苏一禾", "反馈处理员")
        forbidden = [
            (State.SUBMITTED, lifecycle.assign, (user, user)),
            (State.SUBMITTED, lifecycle.reply, (user, *reply)),
            (State.SUBMITTED, lifecycle.rate, (Rating.SATISFIED,)),
            (State.SUBMITTED, lifecycle.close, (user,)),
            (State.ACCEPTED, lifecycle.accept, (user,)),
            (State.ACCEPTED, lifecycle.reject, (user, "理由")),
            (State.ACCEPTED, lifecycle.rate, (Rating.SATISFIED,)),
            (State.IN_PROGRESS, lifecycle.close, (user,)),
            (State.REPLIED, lifecycle.reply, (user, *reply)),
            (State.REPLIED, lifecycle.accept, (user,)),
            (State.CLOSED, lifecycle.rate, (Rating.SATISFIED,)),
            (State.CLOSED, lifecycle.reply, (user, *reply)),
            (State.CLOSED, lifecycle.assign, (user, user)),
            (State.CLOSED, lifecycle.mark_spam, (user,)),
            (State.REJECTED, lifecycle.accept, (user,)),
            (State.REJECTED, lifecycle.reply, (user, *reply)),
            (State.SPAM, lifecycle.accept, (user,)),
            (State.SPAM, lifecycle.reply, (user, *reply)),
            (State.SPAM, lifecycle.publish, (user,)),
            (State.SUBMITTED, lifecycle.restore, (user, "理由")),
            (State.SUBMITTED, lifecycle.publish, (user,)),
        ]
        for state, step, args in forbidden:
            with self.subTest(state=state, step=step.__name__):
                self.assert_refused(step, self.item(state), *args)

    def test_rating_twice_is_refused(self):
        item = self.item(State.REPLIED)
        lifecycle.rate(item, Rating.SATISFIED)

        self.assert_refused(lifecycle.rate, item, Rating.UNSATISFIED, "改主意了")

    def test_publishing_without_the_readers_consent_is_refused(self):
        item = self.item(State.REPLIED, consent_public=False)

        with self.assertRaisesMessage(TransitionNotAllowed, "没有同意公开"):
            lifecycle.publish(item, self.handler)

    def test_assigning_an_inactive_user_is_refused(self):
        item = self.item(State.ACCEPTED)
        gone = UserFactory(is_active=False)

        self.assert_refused(lifecycle.assign, item, self.handler, gone)

    def test_correction_on_a_complaint_is_refused(self):
        item = self.item(State.IN_PROGRESS)

        with self.assertRaises(TransitionNotAllowed):
            lifecycle.record_correction(item, self.handler, None, "说明")

    def test_a_stale_copy_cannot_move_an_item_twice(self):
        item = self.item()
        stale = Feedback.objects.get(pk=item.pk)
        lifecycle.accept(item, self.handler)

        with self.assertRaises(TransitionNotAllowed):
            lifecycle.accept(stale, self.handler)
        self.assertEqual(
            Feedback.objects.get(pk=item.pk).events.filter(action="accept").count(), 1
        )


class CommentTransitionTests(LifecycleTestCase):
    def comment(self, state=State.SUBMITTED, **fields):
        return self.item(state, kind=Kind.COMMENT, **fields)

    def test_comment_is_published_then_hidden(self):
        item = self.comment()

        lifecycle.publish(item, self.handler)
        self.assertEqual((item.state, item.is_public), (State.PUBLISHED, True))
        lifecycle.hide(item, self.handler, "引发争吵")
        self.assertEqual((item.state, item.is_public), (State.HIDDEN, False))

    def test_editor_may_reply_to_a_comment_without_changing_its_state(self):
        item = self.comment(State.PUBLISHED)

        lifecycle.reply(item, self.handler, "谢谢关注。", "周明哲", "编辑")

        self.assertEqual(item.state, State.PUBLISHED)
        self.assertEqual(item.replies.count(), 1)

    def test_comments_cannot_be_accepted_rejected_or_rated(self):
        for step, args in [
            (lifecycle.accept, (self.handler,)),
            (lifecycle.reject, (self.handler, "理由")),
            (lifecycle.assign, (self.handler, self.handler)),
            (lifecycle.rate, (Rating.SATISFIED,)),
        ]:
            with (
                self.subTest(step=step.__name__),
                self.assertRaises(TransitionNotAllowed),
            ):
                step(self.comment(), *args)

    def test_published_comment_can_be_marked_as_spam(self):
        item = self.comment(State.PUBLISHED)

        lifecycle.mark_spam(item, self.handler)

        self.assertEqual((item.state, item.is_public), (State.SPAM, False))


class HistoryTests(LifecycleTestCase):
    def test_every_step_records_who_when_and_from_which_state(self):
        item = self.item(State.CLOSED)

        events = list(item.events.all())

        self.assertEqual(
            [(event.action, event.from_state, event.to_state) for event in events],
            [
                ("accept", State.SUBMITTED, State.ACCEPTED),
                ("assign", State.ACCEPTED, State.IN_PROGRESS),
                ("reply", State.IN_PROGRESS, State.REPLIED),
                ("rate", State.REPLIED, State.CLOSED),
            ],
        )
        self.assertEqual(events[0].actor_name, "苏一禾")
        self.assertEqual(events[-1].actor_name, FeedbackEvent.READER)
        self.assertTrue(all(event.created_at for event in events))

    def test_notes_are_internal(self):
        item = self.item()

        lifecycle.add_note(item, self.handler, "已电话联系读者")

        self.assertTrue(item.events.get(action="note").is_internal)


class DeadlineTests(LifecycleTestCase):
    def test_working_days_skip_weekends_and_public_holidays(self):
        friday = dt.datetime(2026, 9, 25, 15, 0, tzinfo=SHANGHAI)
        due = add_working_days(friday, 1)
        self.assertEqual(timezone.localtime(due).date(), dt.date(2026, 9, 28))

        # National Day week: 1–7 October 2026 are holidays.
        before_holiday = dt.datetime(2026, 9, 30, 9, 0, tzinfo=SHANGHAI)
        due = add_working_days(before_holiday, 1)
        self.assertEqual(timezone.localtime(due).date(), dt.date(2026, 10, 8))

    def test_make_up_working_weekend_day_counts(self):
        self.assertTrue(is_working_day(dt.date(2026, 9, 20)))  # 调休 Sunday
        self.assertFalse(is_working_day(dt.date(2026, 9, 25)))  # Mid-Autumn

    @override_settings(FEEDBACK_EXTRA_HOLIDAYS=["2026-09-28"])
    def test_local_holidays_from_settings_are_skipped(self):
        friday = dt.datetime(2026, 9, 25, 15, 0, tzinfo=SHANGHAI)
        due = add_working_days(friday, 1)
        self.assertEqual(timezone.localtime(due).date(), dt.date(2026, 9, 29))

    def test_deadline_is_the_end_of_the_working_day(self):
        due = timezone.localtime(
            add_working_days(dt.datetime(2026, 11, 10, 10, 0, tzinfo=SHANGHAI), 5)
        )
        self.assertEqual(
            (due.date(), due.hour, due.minute), (dt.date(2026, 11, 17), 23, 59)
        )

    def test_item_not_accepted_in_time_is_overdue_and_counted_as_missed(self):
        item = self.item()
        later = item.accept_due + dt.timedelta(minutes=1)

        with mock.patch("django.utils.timezone.now", return_value=later):
            self.assertTrue(item.is_overdue)
            self.assertIn(item, Feedback.objects.overdue())
            lifecycle.accept(item, self.handler)

        self.assertTrue(item.missed_deadline)

    def test_item_answered_in_time_is_not_overdue(self):
        item = self.item(State.REPLIED)

        self.assertFalse(item.is_overdue)
        self.assertFalse(item.missed_deadline)
        self.assertNotIn(item, Feedback.objects.overdue())

    def test_comments_have_no_deadline(self):
        item = self.item(kind=Kind.COMMENT)

        self.assertIsNone(item.accept_due)
        self.assertFalse(item.is_overdue)


class AutoCloseTests(LifecycleTestCase):
    @override_settings(FEEDBACK_AUTO_CLOSE_DAYS=7)
    def test_replied_items_without_rating_close_after_the_configured_days(self):
        old = self.item(State.REPLIED)
        fresh = self.item(State.REPLIED)
        Feedback.objects.filter(pk=old.pk).update(
            replied_at=timezone.now() - dt.timedelta(days=8)
        )

        call_command("close_unrated_feedback", stdout=io.StringIO())

        old.refresh_from_db()
        fresh.refresh_from_db()
        self.assertEqual(old.state, State.CLOSED)
        self.assertEqual(
            old.events.get(action="close").actor_name, FeedbackEvent.SYSTEM
        )
        self.assertEqual(fresh.state, State.REPLIED)
