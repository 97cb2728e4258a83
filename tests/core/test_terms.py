"""Terms: words and patterns, the contact-detail rules the migration adds,
and the one matcher the pre-approval check and the content check share."""

import copy

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from core.models import Term
from core.models.terms import Rule, terms_by_level, texts_found_in
from editorial.checks import Draft, find_problems
from tests.core.factories import UserFactory


def draft(**fields) -> Draft:
    values = {
        "title": "标题",
        "standfirst": "导语",
        "body_texts": ["正文"],
        "byline_count": 1,
        "has_source": True,
        "disclaimer": "免责声明",
        "column_title": "栏目",
    }
    values.update(fields)
    return Draft(**values)


class ContactRulesTests(TestCase):
    """The rules migration 0004 adds: suspect patterns, editable."""

    def contact_rules(self):
        return Term.objects.filter(kind=Term.Kind.PATTERN)

    def test_migration_adds_the_contact_rules_as_suspect_patterns(self):
        rules = self.contact_rules()
        self.assertGreaterEqual(rules.count(), 4)
        self.assertEqual({rule.level for rule in rules}, {Term.Level.SUSPECT})
        for rule in rules:
            rule.full_clean()  # valid as they stand, so editable in the admin
            self.assertTrue(rule.note)

    def test_each_lure_shape_is_caught_by_a_contact_rule(self):
        suspect = terms_by_level()[Term.Level.SUSPECT]
        for message in [
            "QQ 123456789",
            "q q：一二三四五六七八九",
            "扣扣 12345678",
            "企鹅号 10001000",
            "微信号 abc123",
            "V信：abc_123",
            "vx abc12345",
            "威信 wxid_abcdef",
            "加V信领资料",
            "+VX 了解",
            "电话 13800138000",
            "打 138-0013-8000",
            "一三八零零一三八零零零",
            "座机 0891-6335566",
        ]:
            with self.subTest(message=message):
                self.assertTrue(texts_found_in(suspect, f"你好，{message}，谢谢"))

    def test_ordinary_messages_do_not_trip_the_contact_rules(self):
        suspect = terms_by_level()[Term.Level.SUSPECT]
        for message in [
            "我在微信上看到这篇文章，写得不错。",
            "QQ 空间里也有人转发。",
            "2026年共办理1234件，增长15%。",
            "拨打12345热线没人接。",
            "威信扫地的说法不准确。",
        ]:
            with self.subTest(message=message):
                self.assertEqual(texts_found_in(suspect, message), [])

    def test_a_rule_can_be_switched_to_blocked_or_deleted(self):
        rule = self.contact_rules().get(text__startswith="qq")
        rule.level = Term.Level.BLOCKED
        rule.save()
        self.assertIn(rule.text, terms_by_level()[Term.Level.BLOCKED])

        rule.delete()
        self.assertNotIn(rule.text, terms_by_level()[Term.Level.BLOCKED])
        self.assertNotIn(rule.text, terms_by_level()[Term.Level.SUSPECT])


class TermValidationTests(TestCase):
    def test_pattern_that_does_not_compile_is_refused(self):
        term = Term(text="qq(\\d+", kind=Term.Kind.PATTERN, level=Term.Level.SUSPECT)
        with self.assertRaises(ValidationError) as raised:
            term.full_clean()
        self.assertIn("text", raised.exception.message_dict)

    def test_pattern_that_matches_everything_is_refused(self):
        term = Term(text="\\d*", kind=Term.Kind.PATTERN, level=Term.Level.SUSPECT)
        with self.assertRaises(ValidationError):
            term.full_clean()

    def test_word_of_punctuation_only_is_refused(self):
        with self.assertRaises(ValidationError):
            Term(text="、。!", level=Term.Level.BLOCKED).full_clean()

    def test_pattern_rule_is_added_in_the_admin(self):
        admin = UserFactory(is_superuser=True, is_staff=True)
        self.client.force_login(admin)

        response = self.client.post(
            reverse("wagtailsnippets_core_term:add"),
            {
                "text": "tg\\d{5,}",
                "kind": Term.Kind.PATTERN,
                "level": Term.Level.SUSPECT,
                "note": "联系方式：Telegram",
            },
        )

        self.assertEqual(response.status_code, 302)
        term = Term.objects.get(text="tg\\d{5,}")
        self.assertEqual(term.kind, Term.Kind.PATTERN)
        self.assertTrue(
            texts_found_in(terms_by_level()[Term.Level.SUSPECT], "TG 123456")
        )

    def test_bad_pattern_in_the_admin_comes_back_with_an_error(self):
        admin = UserFactory(is_superuser=True, is_staff=True)
        self.client.force_login(admin)

        response = self.client.post(
            reverse("wagtailsnippets_core_term:add"),
            {"text": "qq(", "kind": Term.Kind.PATTERN, "level": Term.Level.SUSPECT},
        )

        self.assertEqual(response.status_code, 200)
        self.assertFalse(Term.objects.filter(text="qq(").exists())


class MatcherTests(TestCase):
    def test_plain_strings_are_words(self):
        self.assertEqual(texts_found_in(["无码专区"], "无x码x专x区"), ["无码专区"])

    def test_a_broken_pattern_saved_behind_the_form_is_skipped(self):
        rules = [Rule("qq(", Term.Kind.PATTERN), Rule("无码专区")]
        self.assertEqual(texts_found_in(rules, "无码专区 qq("), ["无码专区"])

    def test_rules_survive_the_cache(self):
        rule = Rule("qq\\d{5}", Term.Kind.PATTERN, "QQ 号")
        clone = copy.deepcopy(rule)  # as pickle does, through __reduce__
        self.assertEqual(
            (clone, clone.kind, clone.label), (rule, rule.kind, rule.label)
        )

    def test_terms_by_level_gives_kind_and_label(self):
        Term.objects.create(
            text="tg\\d{5,}",
            kind=Term.Kind.PATTERN,
            level=Term.Level.SUSPECT,
            note="TG",
        )
        cache.clear()
        rule = next(r for r in terms_by_level()[Term.Level.SUSPECT] if r == "tg\\d{5,}")
        self.assertTrue(rule.is_pattern)
        self.assertEqual(rule.label, "TG")

    def test_queryset_found_in_matches_patterns_and_words(self):
        # The content check (check_content) goes through found_in.
        Term.objects.create(text="网上赌场", level=Term.Level.BLOCKED)
        Term.objects.create(
            text="tg\\d{5,}", kind=Term.Kind.PATTERN, level=Term.Level.BLOCKED
        )
        found = Term.objects.blocked().found_in("网上赌塲", "TG：12345678")
        self.assertEqual({term.text for term in found}, {"网上赌场", "tg\\d{5,}"})


class PreflightNormalisationTests(TestCase):
    """The pre-approval check uses the same matcher as feedback."""

    @classmethod
    def setUpTestData(cls):
        Term.objects.create(text="无码专区", level=Term.Level.BLOCKED)
        Term.objects.create(text="网上赌场", level=Term.Level.BLOCKED)

    def messages(self, **fields):
        return [problem.message for problem in find_problems(draft(**fields))]

    def test_blocked_terms_in_variant_filler_and_look_alike_shapes_block(self):
        for title in [
            "网上赌塲",  # variant form
            "无码専区",  # Japanese form
            "无\u3164码\u3164专\u3164区",  # Hangul filler
            "无x码x专x区",  # repeated filler
            "無⠀碼⠀專⠀區",  # braille blank, Traditional
        ]:
            with self.subTest(title=title):
                self.assertTrue(
                    any(
                        "标题含有禁用词" in message
                        for message in self.messages(title=title)
                    )
                )

    def test_suspect_contact_rules_do_not_block_articles(self):
        self.assertEqual(
            self.messages(body_texts=["市民热线 0891-6335566，QQ群 123456"]), []
        )
