from django.test import SimpleTestCase

from core.segment import bigrams, query_terms, segment, sequence


class SegmentTests(SimpleTestCase):
    def test_a_run_of_chinese_becomes_overlapping_bigrams_then_characters(self):
        self.assertEqual(segment("吐槽窗口"), "吐槽 槽窗 窗口 吐 槽 窗 口")

    def test_punctuation_splits_runs_and_other_words_pass_through(self):
        self.assertEqual(
            sequence("拨打12345热线，政务app好用"),
            ["拨打", "12345", "热线", "政务", "app", "好用"],
        )

    def test_single_character_runs_are_kept_once(self):
        self.assertEqual(segment("税,费"), "税 费")

    def test_traditional_full_width_and_case_are_folded(self):
        self.assertEqual(segment("群眾ＡＰＰ"), segment("群众app"))

    def test_query_terms_drop_syntax_and_keep_mixed_parts_apart(self):
        self.assertEqual(
            query_terms('  "服务"  满意度 OR 12345热线 !!! '),
            ["服务", "满意度", "or", "12345 热线"],
        )
        self.assertEqual(query_terms("!!! ？？"), [])

    def test_bigrams_of_one_character_is_the_character(self):
        self.assertEqual(bigrams("税"), ["税"])
