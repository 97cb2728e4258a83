from django.test import SimpleTestCase
from wagtail.search.query import And, Not, Or, Phrase, PlainText

from search.query import rewrite_autocomplete, rewrite_search


def describe(query) -> str:
    if isinstance(query, PlainText):
        return f"plain({query.query_string}|{query.operator})"
    if isinstance(query, Phrase):
        return f'"{query.query_string}"'
    if isinstance(query, And | Or):
        inner = ", ".join(describe(sub) for sub in query.subqueries)
        return f"{type(query).__name__.lower()}({inner})"
    if isinstance(query, Not):
        return f"not({describe(query.subquery)})"
    return repr(query)


class RewriteTests(SimpleTestCase):
    def test_chinese_terms_become_bigram_phrases_or_ed_with_the_words(self):
        query = rewrite_search(PlainText("吐槽窗口 12345热线", operator="and"), "and")
        self.assertEqual(
            describe(query),
            'or(and("吐槽 槽窗 窗口", "12345 热线"), plain(吐槽窗口 12345热线|and))',
        )

    def test_traditional_is_folded_before_cutting(self):
        self.assertEqual(
            describe(rewrite_search(PlainText("群眾"), "and")),
            'or("群众", plain(群众|and))',
        )

    def test_queries_without_chinese_are_only_cleaned(self):
        query = rewrite_search(PlainText('"5G" OR app!', operator="or"), "and")
        self.assertEqual(describe(query), "plain(5g or app|or)")

    def test_autocomplete_ands_the_bigrams_and_the_last_is_the_prefix(self):
        query = rewrite_autocomplete(PlainText("吐槽窗"), "and")
        self.assertEqual(describe(query), "or(plain(吐槽 槽窗|and), plain(吐槽窗|and))")

    def test_nested_queries_are_rewritten_inside(self):
        query = rewrite_search(And([PlainText("税"), Not(Phrase("吐槽窗口"))]), "and")
        self.assertEqual(
            describe(query),
            'and(or("税", plain(税|and)), not(or("吐槽 槽窗 窗口", "吐槽窗口")))',
        )
