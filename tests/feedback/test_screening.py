"""Every screening rule, through the real submission endpoint."""

from unittest import mock

from django.core.cache import cache
from django.test import RequestFactory, TestCase, override_settings
from django.urls import reverse

from core.models import Term
from feedback.models import Feedback, Screening, State
from feedback.screening import count_links, public_suffixes
from feedback.tracking import format_code
from security.client_ip import client_ip
from tests.articles.factories import ArticlePageFactory, ColumnPageFactory
from tests.feedback.factories import form_data, issued
from tests.home.factories import get_home_page


class ScreeningTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.column = ColumnPageFactory(parent=get_home_page(), title="民生观察")
        cls.article = ArticlePageFactory(parent=cls.column, title="窗口办事")
        cls.other_article = ArticlePageFactory(parent=cls.column)
        Term.objects.create(text="无码专区", level=Term.Level.BLOCKED)
        Term.objects.create(text="加微信", level=Term.Level.SUSPECT)
        Term.objects.create(text="casino888", level=Term.Level.BLOCKED)

    def post(self, article=None, **fields):
        article = article or self.article
        return self.client.post(
            reverse("feedback:submit", args=[article.pk]),
            form_data(article, **fields),
        )

    def only_item(self) -> Feedback:
        return Feedback.objects.get()


class BotTrapTests(ScreeningTestCase):
    def test_filled_honeypot_is_kept_as_spam_with_the_reason(self):
        response = self.post(website="http://spam.example/")

        self.assertEqual(response.status_code, 302)
        item = self.only_item()
        self.assertEqual(item.state, State.SPAM)
        self.assertIn("隐藏的网址栏", item.screening_reason)

    @override_settings(FEEDBACK_MIN_FILL_SECONDS=5)
    def test_form_sent_faster_than_a_person_can_type_is_spam(self):
        self.post(issued=issued(self.article, seconds_ago=1))

        item = self.only_item()
        self.assertEqual(item.state, State.SPAM)
        self.assertIn("填写过快", item.screening_reason)

    @override_settings(FEEDBACK_MIN_FILL_SECONDS=5)
    def test_form_filled_at_human_speed_passes(self):
        self.post(issued=issued(self.article, seconds_ago=30))

        self.assertEqual(self.only_item().screening, Screening.CLEAN)

    @override_settings(FEEDBACK_FORM_MAX_AGE=3600)
    def test_expired_form_comes_back_with_everything_typed(self):
        response = self.post(
            issued=issued(self.article, seconds_ago=7200), message="过期表单里的话"
        )

        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "表单已过期", status_code=400)
        self.assertContains(response, "过期表单里的话", status_code=400)
        self.assertFalse(Feedback.objects.exists())

    def test_forged_timestamp_is_refused(self):
        response = self.post(issued="eyJhIjoxLCJ0IjowfQ:forged:signature")

        self.assertContains(response, "表单校验失败", status_code=400)
        self.assertFalse(Feedback.objects.exists())

    def test_timestamp_issued_for_another_article_is_refused(self):
        response = self.post(issued=issued(self.other_article))

        self.assertContains(response, "表单与文章不符", status_code=400)
        self.assertFalse(Feedback.objects.exists())


class TermTests(ScreeningTestCase):
    def assert_spam(self, term="无码专区", **fields):
        Feedback.objects.all().delete()
        self.post(**fields)
        item = self.only_item()
        self.assertEqual(item.state, State.SPAM, fields)
        self.assertIn(term, item.screening_reason)

    def test_blocked_term_in_any_shape_makes_spam(self):
        variants = [
            "最新无码专区在线观看",  # unspaced Chinese
            "最新無碼專區在线",  # Traditional
            "无\u200b码\u200c专\u200d区",  # zero-width characters between
            "无 码、专.区",  # spaces and punctuation
            "ｗｗｗ 无码专区 ＣＯＭ",  # full-width
        ]
        for message in variants:
            with self.subTest(message=message):
                self.assert_spam(message=message)

    def test_blocked_term_in_name_or_contact_makes_spam(self):
        self.assert_spam(display_name="無碼專區")
        self.assert_spam(term="casino888", contact="CASINO888@example.com")

    def test_a_term_made_up_across_two_fields_is_not_found(self):
        self.post(display_name="无码", message="专区里排队的人很多，窗口要多开几个。")

        self.assertEqual(self.only_item().screening, Screening.CLEAN)

    def test_suspect_term_holds_the_item_for_review(self):
        self.post(message="想了解更多请加微信")

        item = self.only_item()
        self.assertEqual(item.state, State.SUBMITTED)
        self.assertEqual(item.screening, Screening.HELD)
        self.assertIn("加微信", item.screening_reason)

    def test_term_list_is_read_at_submission_so_admin_edits_apply(self):
        Term.objects.create(text="代开发票", level=Term.Level.BLOCKED)

        self.post(message="专业代開發票")

        self.assertEqual(self.only_item().state, State.SPAM)

    def test_cached_term_list_follows_admin_edits(self):
        self.post(message="专业代开发票服务")  # the list is now cached
        self.assertEqual(self.only_item().state, State.SUBMITTED)
        term = Term.objects.create(text="代开发票", level=Term.Level.BLOCKED)

        Feedback.objects.all().delete()
        self.post(message="专业代开发票服务二")
        self.assertEqual(self.only_item().state, State.SPAM)

        term.delete()
        Feedback.objects.all().delete()
        self.post(message="专业代开发票服务三")
        self.assertEqual(self.only_item().state, State.SUBMITTED)

    def test_spam_and_held_items_are_stored_with_a_screening_event(self):
        self.post(message="无码专区")
        item = self.only_item()

        event = item.events.get(action="screen")
        self.assertTrue(event.is_internal)
        self.assertIn("无码专区", event.reason)


class LinkTests(ScreeningTestCase):
    def test_two_links_hold_the_item(self):
        self.post(message="看这里 http://a.example.com 还有 www.b-example.cn")

        item = self.only_item()
        self.assertEqual(item.screening, Screening.HELD)
        self.assertIn("2 个链接", item.screening_reason)

    def test_one_link_passes(self):
        self.post(message="原文链接 https://news.example.com/a.html 里数字不对")

        self.assertEqual(self.only_item().screening, Screening.CLEAN)

    def test_links_without_scheme_inside_chinese_text_are_counted(self):
        self.assertEqual(count_links("访问abc.com或者ｘｙｚ．ＴＯＰ领取"), 2)

    def test_email_addresses_are_not_links(self):
        self.assertEqual(count_links("请回复 a@example.com 或 b@example.cn"), 0)


class DisguisedTermTests(ScreeningTestCase):
    """Each class of disguise the abuse test found, through the endpoint."""

    def assert_screening(self, expected, term, **fields):
        Feedback.objects.all().delete()
        self.post(**fields)
        item = self.only_item()
        self.assertEqual(item.screening, expected, fields)
        self.assertIn(term, item.screening_reason)

    def test_blocked_term_in_variant_filler_and_look_alike_shapes_makes_spam(self):
        cases = [
            ("无码専区在线", "无码专区"),  # Japanese form of 专
            ("無碼專區塲", "无码专区"),  # Traditional
            ("无\u3164码\u3164专\u3164区", "无码专区"),  # Hangul filler
            ("无\uffa0码\u115f专\u1160区", "无码专区"),  # other Hangul fillers
            ("无\u2800码\u2800专\u2800区", "无码专区"),  # braille blank
            ("无\ufe0f码\U000e0020专区", "无码专区"),  # variation selector, tag
            ("无x码x专x区", "无码专区"),  # one filler repeated
            ("无哦码哦专哦区", "无码专区"),
            ("саsinо888", "casino888"),  # Cyrillic а, о
            ("cαsino888", "casino888"),  # Greek α
        ]
        for message, term in cases:
            with self.subTest(message=message):
                self.assert_screening(Screening.SPAM, term, message=message)

    def test_suspect_lure_written_with_a_letter_or_a_homophone_is_held(self):
        for message in ["想了解更多请加V信", "请加威信", "详情+VX", "加 薇 信 送资料"]:
            with self.subTest(message=message):
                self.assert_screening(Screening.HELD, "加微信", message=message)

    def test_ordinary_message_with_the_characters_apart_stays_clean(self):
        self.post(message="无论如何，密码专门区分大小写，区里的专人说的。")

        self.assertEqual(self.only_item().screening, Screening.CLEAN)


class ContactRuleTests(ScreeningTestCase):
    """The contact-detail rules (migration 0004) hold a message for review."""

    def test_qq_wechat_and_phone_numbers_in_the_message_are_held(self):
        for message, label in [
            ("有事找我 QQ 123456789", "QQ"),
            ("扣扣：一二三四五六七八", "QQ"),
            ("微信号 abc123", "微信号"),
            ("VX：wxid_abc123", "微信号"),
            ("电话 138.0013.8000", "电话号码"),
            ("打一三八零零一三八零零零", "电话号码"),
        ]:
            with self.subTest(message=message):
                Feedback.objects.all().delete()
                self.post(message=message)
                item = self.only_item()
                self.assertEqual(item.screening, Screening.HELD)
                self.assertIn(label, item.screening_reason)

    def test_contact_number_in_the_display_name_is_held(self):
        self.post(display_name="QQ12345678")

        self.assertEqual(self.only_item().screening, Screening.HELD)

    def test_the_readers_own_contact_field_is_not_a_lure(self):
        for contact in [
            "138 0013 8000",
            "+86 138-0013-8000",
            "0891-6335566",
            "a@example.com",
        ]:
            with self.subTest(contact=contact):
                Feedback.objects.all().delete()
                self.post(contact=contact)
                self.assertEqual(self.only_item().screening, Screening.CLEAN)

    def test_a_rule_set_to_clean_by_deleting_it_no_longer_holds(self):
        Term.objects.filter(kind=Term.Kind.PATTERN, text__startswith="qq").delete()

        self.post(message="QQ 123456789")

        self.assertEqual(self.only_item().screening, Screening.CLEAN)


class DisguisedLinkTests(ScreeningTestCase):
    def test_disguised_dots_bare_addresses_and_new_endings_are_counted(self):
        cases = {
            "a-spam[.]com 和 b-spam[.]net": 2,
            "a-spam(.)com b-spam【.】cn": 2,
            "a-spam。com 还有 b-spam。top": 2,
            "a-spam．com a-spam｡com": 2,
            "www dot a-spam dot com 或 www dot b-spam dot net": 2,
            "a-spam点com 与 b-spam點net": 2,
            "a-spam(dot)com": 1,
            "1.2.3.4 和 5.6.7.8:8080/x": 2,
            "1[.]2[.]3[.]4": 1,
            "play.bet 和 win.casino": 2,
            "аpple-id.com": 1,  # Cyrillic а
            "访问 abc.公司 看看": 1,  # a Chinese public suffix
        }
        for text, links in cases.items():
            with self.subTest(text=text):
                self.assertEqual(count_links(text), links)

    def test_two_disguised_links_hold_the_item(self):
        self.post(message="看这里 a-spam[.]com 还有 b-spam。bet")

        item = self.only_item()
        self.assertEqual(item.screening, Screening.HELD)
        self.assertIn("2 个链接", item.screening_reason)

    def test_numbers_file_names_and_disguised_emails_are_not_links(self):
        for text in [
            "版本 1.2.3，圆周率 3.14159，下午3点30分开会。",
            "附件 report.pdf 和 index.html",
            "请回复 name(at)example(dot)com 或 name艾特example.com",
            "比分 3.0，1.5 倍",
        ]:
            with self.subTest(text=text):
                self.assertEqual(count_links(text), 0)

    def test_the_public_suffix_list_is_read_from_the_package_not_downloaded(self):
        public_suffixes.cache_clear()
        refuse = mock.Mock(side_effect=AssertionError("network used"))
        with (
            mock.patch("urllib.request.urlopen", refuse),
            mock.patch("socket.create_connection", refuse),
        ):
            self.assertEqual(count_links("a.bet b.xyz"), 2)
        refuse.assert_not_called()


class DuplicateTests(ScreeningTestCase):
    def test_same_message_again_is_refused_without_showing_the_first_code(self):
        """Anyone can send the same text: the refusal must not hand them the
        first sender's 查询码 (which opens its status page)."""
        self.post(message="公交站牌的时刻表写错了。")
        first = self.only_item()

        response = self.post(message="公交站牌的 时刻表写错了!")

        self.assertContains(response, "已经有人在这篇文章下提交过", status_code=409)
        html = response.content.decode()
        self.assertNotIn(first.tracking_code, html)
        self.assertNotIn(format_code(first.tracking_code), html)
        self.assertNotIn(first.tracking_token, html)
        self.assertEqual(Feedback.objects.count(), 1)

    def test_same_message_after_a_day_is_accepted(self):
        self.post(message="公交站牌的时刻表写错了。")
        Feedback.objects.update(
            created_at=Feedback.objects.get().created_at.replace(year=2020)
        )

        response = self.post(message="公交站牌的时刻表写错了。")

        self.assertEqual(response.status_code, 302)
        self.assertEqual(Feedback.objects.count(), 2)

    def test_same_message_on_another_article_is_accepted(self):
        self.post(message="公交站牌的时刻表写错了。")

        self.post(article=self.other_article, message="公交站牌的时刻表写错了。")

        self.assertEqual(Feedback.objects.count(), 2)


class RateLimitTests(ScreeningTestCase):
    def setUp(self):
        cache.clear()

    @override_settings(FEEDBACK_RATE_LIMIT_PER_IP=(2, 600))
    def test_too_many_submissions_from_one_address_get_429_and_keep_the_text(self):
        self.post(message="第一条")
        self.post(message="第二条")

        response = self.post(message="第三条，不能丢")

        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "操作太频繁", status_code=429)
        self.assertContains(response, "第三条，不能丢", status_code=429)
        self.assertEqual(Feedback.objects.count(), 2)

    @override_settings(FEEDBACK_RATE_LIMIT_PER_IP=(2, 600))
    def test_another_address_is_not_limited(self):
        self.post(message="第一条")
        self.post(message="第二条")

        response = self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            form_data(self.article, message="另一位读者"),
            REMOTE_ADDR="203.0.113.9",
        )

        self.assertEqual(response.status_code, 302)

    @override_settings(FEEDBACK_RATE_LIMIT_PER_ARTICLE=(2, 3600))
    def test_flood_on_one_article_gets_429_from_any_address(self):
        for number, address in enumerate(["198.51.100.1", "198.51.100.2"]):
            self.client.post(
                reverse("feedback:submit", args=[self.article.pk]),
                form_data(self.article, message=f"第{number}条"),
                REMOTE_ADDR=address,
            )

        response = self.client.post(
            reverse("feedback:submit", args=[self.article.pk]),
            form_data(self.article, message="第三条"),
            REMOTE_ADDR="198.51.100.3",
        )
        self.assertEqual(response.status_code, 429)
        other = self.post(article=self.other_article, message="别的文章")
        self.assertEqual(other.status_code, 302)

    @override_settings(
        FEEDBACK_RATE_LIMIT_ENABLED=False, FEEDBACK_RATE_LIMIT_PER_IP=(1, 600)
    )
    def test_limit_can_be_switched_off(self):
        self.post(message="一")
        self.assertEqual(self.post(message="二").status_code, 302)


class ClientAddressTests(TestCase):
    def request(self, remote="192.0.2.10", forwarded=None):
        extra = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post("/", **extra)

    def test_forwarded_header_is_ignored_unless_configured(self):
        self.assertEqual(client_ip(self.request(forwarded="203.0.113.5")), "192.0.2.10")

    @override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For")
    def test_configured_header_gives_the_client_behind_the_proxy(self):
        request = self.request(forwarded="203.0.113.5")
        self.assertEqual(client_ip(request), "203.0.113.5")

    @override_settings(
        TRUSTED_PROXY_HEADER="X-Forwarded-For",
        TRUSTED_PROXIES=["10.0.0.0/8"],
    )
    def test_header_from_an_untrusted_address_is_ignored(self):
        request = self.request(remote="192.0.2.10", forwarded="203.0.113.5")
        self.assertEqual(client_ip(request), "192.0.2.10")

    @override_settings(
        TRUSTED_PROXY_HEADER="X-Forwarded-For",
        TRUSTED_PROXIES=["10.0.0.0/8"],
    )
    def test_spoofed_left_part_of_the_chain_is_not_believed(self):
        # The client claims 1.1.1.1; our proxy appended the real address.
        request = self.request(remote="10.0.0.2", forwarded="1.1.1.1, 203.0.113.5")
        self.assertEqual(client_ip(request), "203.0.113.5")

    @override_settings(TRUSTED_PROXY_HEADER="X-Forwarded-For")
    def test_garbage_header_falls_back_to_the_connection(self):
        self.assertEqual(client_ip(self.request(forwarded="not-an-ip")), "192.0.2.10")
