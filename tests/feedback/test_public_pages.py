"""What readers see: under the article, the tracking page, lookup, figures."""

import datetime as dt

from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from corrections import actions as corrections
from feedback import lifecycle
from feedback.masking import mask_personal_data
from feedback.models import Feedback, Kind, Rating, State
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.core.factories import UserFactory
from tests.feedback.factories import FeedbackFactory, handler, issued, walk_to
from tests.home.factories import get_home_page
from tests.html import soup_of, text_of

XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">点我</a>',
]
RTL_OVERRIDE = "\u202e"


class PublicTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
        cls.article = ArticlePageFactory(parent=cls.column, title="加装电梯")
        cls.handler = handler()

    def item(self, state=State.SUBMITTED, **fields):
        fields.setdefault("article", self.article)
        return walk_to(FeedbackFactory(**fields), state, self.handler)

    def tracking_url(self, item):
        return reverse("feedback:track", args=[item.tracking_code, item.tracking_token])


class UnderTheArticleTests(PublicTestCase):
    def feedback_section(self, **params):
        response = self.client.get(self.article.url, params)
        self.assertEqual(response.status_code, 200)
        return soup_of(response).select_one("#feedback")

    def test_only_published_items_with_consent_are_shown(self):
        self.item(State.PUBLISHED, kind=Kind.COMMENT, message="公开的评论")
        self.item(State.SUBMITTED, kind=Kind.COMMENT, message="待审的评论")
        self.item(State.HIDDEN, kind=Kind.COMMENT, message="不公开的评论")
        self.item(State.SPAM, kind=Kind.COMMENT, message="垃圾评论")
        replied = self.item(State.REPLIED, message="公开的投诉")
        lifecycle.publish(replied, self.handler)
        self.item(State.REPLIED, message="未公开的投诉")

        text = text_of(self.feedback_section())

        self.assertIn("公开的评论", text)
        self.assertIn("公开的投诉", text)
        for hidden in ("待审的评论", "不公开的评论", "垃圾评论", "未公开的投诉"):
            self.assertNotIn(hidden, text)

    def test_official_reply_is_marked_and_signed_with_name_and_role(self):
        item = self.item(State.PUBLISHED, kind=Kind.COMMENT)
        lifecycle.reply(
            item, self.handler, "感谢提醒，已核实。", "苏一禾", "反馈处理员"
        )

        reply = self.feedback_section().select_one(".feedback-reply")

        self.assertIn("官方回复", text_of(reply))
        self.assertIn("苏一禾（反馈处理员）", text_of(reply))

    def test_newest_first_and_paginated(self):
        base = timezone.now() - dt.timedelta(days=30)
        for day in range(12):
            item = self.item(
                State.PUBLISHED, kind=Kind.COMMENT, message=f"第{day}天的评论"
            )
            Feedback.objects.filter(pk=item.pk).update(
                created_at=base + dt.timedelta(days=day)
            )

        with override_settings(FEEDBACK_PUBLIC_PER_PAGE=5):
            first = self.feedback_section().select(".feedback-item__message")
            last = self.feedback_section(fb="3").select(".feedback-item__message")
            garbage = self.feedback_section(fb="abc").select(".feedback-item__message")
            middle_links = self.feedback_section(fb="2").select(".pagination a")

        self.assertEqual(text_of(first[0]), "第11天的评论")
        self.assertEqual(len(first), 5)
        self.assertEqual([text_of(tag) for tag in last], ["第1天的评论", "第0天的评论"])
        self.assertEqual(
            [text_of(link) for link in middle_links], ["较新的留言", "较早的留言"]
        )
        self.assertEqual(text_of(garbage[0]), "第11天的评论")

    def test_personal_data_in_public_text_is_masked(self):
        self.item(
            State.PUBLISHED,
            kind=Kind.COMMENT,
            display_name="13912345678",
            message="我的电话13800138000,身份证110101199003077777,邮箱zhang.san@example.com",
        )

        text = text_of(self.feedback_section())

        self.assertIn("138****8000", text)
        self.assertIn("1101**********7777", text)
        self.assertIn("z***@example.com", text)
        self.assertIn("139****5678", text)
        for secret in ("13800138000", "110101199003077777", "zhang.san", "13912345678"):
            self.assertNotIn(secret, text)

    def test_contact_details_are_never_shown(self):
        self.item(
            State.PUBLISHED, kind=Kind.COMMENT, contact="secret-reader@example.com"
        )

        response = self.client.get(self.article.url)

        self.assertNotContains(response, "secret-reader")

    def test_user_text_is_escaped(self):
        for number, payload in enumerate(XSS):
            self.item(
                State.PUBLISHED,
                kind=Kind.COMMENT,
                message=f"{payload} 第{number}条",
                display_name=payload[:20],
            )

        html = self.client.get(self.article.url).content.decode()

        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<img src=x", html)
        self.assertNotIn('href="javascript:', html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("&lt;img src=x onerror=", html)

    def test_rtl_override_never_reaches_the_page(self):
        self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            {
                **{"kind": "comment", "consent_public": "on"},
                "message": f"文件名 {RTL_OVERRIDE}gpj.exe",
                "display_name": f"{RTL_OVERRIDE}管理员",
                "issued": issued(self.article),
            },
        )
        item = Feedback.objects.get()
        lifecycle.publish(item, self.handler)

        html = self.client.get(self.article.url).content.decode()

        self.assertNotIn(RTL_OVERRIDE, item.message + item.display_name)
        self.assertNotIn(RTL_OVERRIDE, html)
        self.assertIn("<bdi", html)

    def test_correction_is_shown_under_the_article_body_once_approved(self):
        item = self.item(State.IN_PROGRESS, kind=Kind.CORRECTION)
        lifecycle.record_correction(
            item, self.handler, None, "原文“三个月”应为“三周”，已更正。"
        )
        self.assertNotContains(self.client.get(self.article.url), "应为“三周”")

        corrections.approve(item.correction, UserFactory(is_superuser=True))

        body = soup_of(self.client.get(self.article.url)).select_one("article")
        self.assertIn("更正（", text_of(body.select_one("#corrections")))
        self.assertIn("应为“三周”", text_of(body.select_one("#corrections")))

    def test_feedback_box_costs_two_queries_however_many_items(self):
        def feedback_queries():
            self.client.get(self.article.url)  # warm Wagtail's site caches
            with CaptureQueriesContext(connection) as queries:
                self.client.get(self.article.url)
            return [
                sql for sql in queries.captured_queries if "feedback_" in sql["sql"]
            ]

        self.item(State.PUBLISHED, kind=Kind.COMMENT)
        self.assertEqual(len(feedback_queries()), 2)
        for _ in range(12):
            item = self.item(State.PUBLISHED, kind=Kind.COMMENT)
            lifecycle.reply(item, self.handler, "谢谢", "苏一禾", "反馈处理员")
        self.assertEqual(len(feedback_queries()), 2)


class ReportTests(PublicTestCase):
    def test_reader_reports_a_published_comment_for_staff_to_review(self):
        item = self.item(State.PUBLISHED, kind=Kind.COMMENT)

        response = self.client.post(
            reverse("feedback:report", args=[item.pk]), {"reason": "abuse"}
        )

        self.assertContains(response, "已收到您的举报")
        item.refresh_from_db()
        self.assertEqual(item.report_count, 1)
        self.assertEqual(item.state, State.PUBLISHED)  # a person decides
        event = item.events.get(action="report")
        self.assertEqual((event.reason, event.is_internal), ("网络暴力（评论）", True))

    def test_unpublished_items_cannot_be_reported(self):
        item = self.item(State.SUBMITTED, kind=Kind.COMMENT)

        response = self.client.post(reverse("feedback:report", args=[item.pk]))

        self.assertEqual(response.status_code, 404)

    @override_settings(FEEDBACK_REPORT_RATE_LIMIT_PER_IP=(2, 3600))
    def test_reports_are_rate_limited(self):
        item = self.item(State.PUBLISHED, kind=Kind.COMMENT)
        url = reverse("feedback:report", args=[item.pk])
        self.client.post(url)
        self.client.post(url)

        self.assertEqual(self.client.post(url).status_code, 429)
        item.refresh_from_db()
        self.assertEqual(item.report_count, 2)


class TrackingPageTests(PublicTestCase):
    def test_private_link_shows_status_history_and_reply(self):
        item = self.item(State.REPLIED, message="公交站台没有遮阳棚")

        response = self.client.get(self.tracking_url(item))

        page = soup_of(response)
        self.assertIn("已回复", text_of(page.select_one(".tracking__state")))
        self.assertIn("公交站台没有遮阳棚", text_of(page))
        self.assertIn("已联系物业维修", text_of(page.select_one(".feedback-reply")))
        history = text_of(page.select_one(".tracking__history"))
        self.assertIn("受理", history)
        self.assertIn("回复", history)

    def test_wrong_token_is_not_found(self):
        item = self.item()

        response = self.client.get(
            reverse("feedback:track", args=[item.tracking_code, "x" * 43])
        )

        self.assertEqual(response.status_code, 404)

    def test_staff_names_are_hidden_from_the_submitter_by_default(self):
        item = self.item(State.IN_PROGRESS)

        history = soup_of(self.client.get(self.tracking_url(item))).select_one(
            ".tracking__history"
        )

        self.assertIn("编辑部", text_of(history))
        self.assertNotIn("苏一禾", text_of(history))

    @override_settings(FEEDBACK_SHOW_STAFF_NAMES=True)
    def test_staff_names_are_shown_when_configured(self):
        item = self.item(State.ACCEPTED)

        history = soup_of(self.client.get(self.tracking_url(item))).select_one(
            ".tracking__history"
        )

        self.assertIn("苏一禾", text_of(history))

    def test_internal_notes_are_not_shown(self):
        item = self.item()
        lifecycle.add_note(item, self.handler, "此人上周也投诉过")

        response = self.client.get(self.tracking_url(item))

        self.assertNotContains(response, "此人上周也投诉过")

    def test_page_is_private_noindex_and_never_sent_as_referrer_elsewhere(self):
        response = self.client.get(self.tracking_url(self.item()))

        self.assertContains(
            response, '<meta name="robots" content="noindex, nofollow">'
        )
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])

    def test_reader_rates_once_after_a_reply(self):
        item = self.item(State.REPLIED)
        url = self.tracking_url(item)
        self.assertContains(self.client.get(url), "对答复的评价")

        response = self.client.post(url, {"rating": Rating.SATISFIED})

        self.assertRedirects(response, f"{url}?rated=1")
        item.refresh_from_db()
        self.assertEqual((item.state, item.rating), (State.CLOSED, Rating.SATISFIED))
        self.assertNotContains(self.client.get(url), "提交评价")
        again = self.client.post(url, {"rating": Rating.UNSATISFIED, "reason": "再评"})
        self.assertContains(again, "只能在收到回复后评价一次", status_code=400)
        item.refresh_from_db()
        self.assertEqual(item.rating, Rating.SATISFIED)

    def test_unsatisfied_without_reason_comes_back_with_a_message(self):
        item = self.item(State.REPLIED)

        response = self.client.post(self.tracking_url(item), {"rating": "unsatisfied"})

        self.assertContains(response, "请写明理由", status_code=400)
        item.refresh_from_db()
        self.assertEqual(item.state, State.REPLIED)

    def test_unsatisfied_with_reason_reopens(self):
        item = self.item(State.REPLIED)

        self.client.post(
            self.tracking_url(item), {"rating": "unsatisfied", "reason": "路灯还是坏的"}
        )

        item.refresh_from_db()
        self.assertEqual(item.state, State.IN_PROGRESS)

    def test_rating_before_a_reply_is_refused(self):
        item = self.item(State.ACCEPTED)

        response = self.client.post(self.tracking_url(item), {"rating": "satisfied"})

        self.assertEqual(response.status_code, 400)
        item.refresh_from_db()
        self.assertEqual(item.state, State.ACCEPTED)


class LookupTests(PublicTestCase):
    def test_code_shows_the_status_but_not_the_message(self):
        item = self.item(State.ACCEPTED, message="只在私密链接里出现的内容")
        spaced = f"{item.tracking_code[:5].lower()}-{item.tracking_code[5:]}"

        response = self.client.get(reverse("feedback:lookup"), {"code": spaced})

        self.assertContains(response, "已受理")
        self.assertNotContains(response, "只在私密链接里出现的内容")
        self.assertContains(response, "noindex")

    def test_unknown_code_says_so(self):
        response = self.client.get(reverse("feedback:lookup"), {"code": "ABCDE23456"})

        self.assertContains(response, "没有找到这个查询码", status_code=404)

    def test_malformed_code_says_how_it_looks(self):
        response = self.client.get(reverse("feedback:lookup"), {"code": "abc"})

        self.assertContains(response, "10 位字母和数字", status_code=400)

    @override_settings(FEEDBACK_LOOKUP_RATE_LIMIT_PER_IP=(3, 600))
    def test_guessing_codes_is_rate_limited(self):
        for _ in range(3):
            self.client.get(reverse("feedback:lookup"), {"code": "ABCDE23456"})

        response = self.client.get(reverse("feedback:lookup"), {"code": "ABCDE23457"})

        self.assertEqual(response.status_code, 429)


class MaskingTests(TestCase):
    def test_masking_covers_common_shapes(self):
        cases = {
            "13800138000": "138****8000",
            "+86 138 0013 8000": "+86 138 **** 8000",
            "１３８００１３８０００": "１３８****８０００",
            "0891-6335566": "0891-*****66",
            "11010119900307771X": "1101**********771X",
            "a.b@example.cn": "a***@example.cn",
        }
        for raw, masked in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(
                    mask_personal_data(f"联系我 {raw} 谢谢"), f"联系我 {masked} 谢谢"
                )

    def test_ordinary_numbers_are_left_alone(self):
        text = "2026年共办理1234件，增长15%"
        self.assertEqual(mask_personal_data(text), text)


class FiguresPageTests(PublicTestCase):
    def test_figures_count_rates_and_state_definitions(self):
        satisfied = self.item(State.CLOSED)
        self.item(State.REPLIED)
        self.item(State.ACCEPTED)
        unhappy = self.item(State.REPLIED)
        lifecycle.rate(unhappy, Rating.UNSATISFIED, "没解决")
        self.item(State.REJECTED)
        self.item(State.SPAM)
        self.item(State.PUBLISHED, kind=Kind.COMMENT)
        self.assertEqual(satisfied.rating, Rating.SATISFIED)

        response = self.client.get(reverse("feedback:figures"))

        page = soup_of(response)
        cards = {
            text_of(card.select_one(".figures__name")): text_of(
                card.select_one(".figures__number")
            )
            for card in page.select(".figures__card")
        }
        # 6 received (spam excluded); 4 accepted; 3 with a reply; 1 closed.
        self.assertEqual(cards["收到"], "6")
        self.assertEqual(cards["回复率"], "75.0%")
        self.assertEqual(cards["办结率"], "25.0%")
        self.assertEqual(cards["满意率"], "50.0%")
        definitions = text_of(page.select_one(".figures__definitions"))
        self.assertIn("回复后 7 天内未评价", definitions)
        self.assertIn("未在 1 个工作日内受理", definitions)
        self.assertIn("未在 5 个工作日内答复", definitions)
        self.assertIn("民生观察", text_of(page.select(".figures__table")[1]))
        self.assertIsNotNone(page.select_one("svg.figures-chart rect"))

    def test_overdue_items_are_counted(self):
        item = self.item()
        Feedback.objects.filter(pk=item.pk).update(
            accept_due=timezone.now() - dt.timedelta(hours=1)
        )

        page = soup_of(self.client.get(reverse("feedback:figures")))

        overdue = [
            card
            for card in page.select(".figures__card")
            if text_of(card.select_one(".figures__name")) == "逾期"
        ][0]
        self.assertEqual(text_of(overdue.select_one(".figures__number")), "1")

    def test_empty_figures_render(self):
        response = self.client.get(reverse("feedback:figures"))

        self.assertContains(response, "读者反馈办理情况")
