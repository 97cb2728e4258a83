"""Rewrite a reader's query into bigram phrases the segmented index matches.

Each term with Chinese in it becomes a phrase of its bigrams (吐槽窗口 →
"吐槽 槽窗 窗口"), so the characters must be adjacent and in order; the whole
is OR-ed with the original words so models indexed the ordinary way (images,
documents) still match. Queries without Chinese are only cleaned of syntax."""

from wagtail.search.query import And, Boost, Not, Or, Phrase, PlainText, SearchQuery

from core.segment import has_han, query_terms, sequence


def _combine(queries: list[SearchQuery], operator: str) -> SearchQuery:
    if len(queries) == 1:
        return queries[0]
    return And(queries) if operator.lower() == "and" else Or(queries)


def original_words(terms: list[str]) -> str:
    """The terms as the reader wrote them, for models indexed the ordinary
    way: a mixed term stays one word (政务app), so its parts cannot match
    apart in the segmented index."""
    return " ".join("".join(term.split()) if has_han(term) else term for term in terms)


def is_empty(query) -> bool:
    if isinstance(query, PlainText | Phrase):
        return not query.query_string.strip()
    return False


def rewrite_search(query: SearchQuery, default_operator: str) -> SearchQuery:
    if isinstance(query, PlainText):
        operator = query.operator or default_operator
        terms = query_terms(query.query_string)
        plain = PlainText(original_words(terms), operator=operator)
        if not any(has_han(term) for term in terms):
            return plain
        phrases = [Phrase(" ".join(sequence(term))) for term in terms]
        return Or([_combine(phrases, operator), plain])
    if isinstance(query, Phrase):
        terms = query_terms(query.query_string, max_terms=50)
        joined = " ".join(terms)
        if not has_han(joined):
            return Phrase(joined)
        return Or([Phrase(" ".join(sequence(joined))), Phrase(joined)])
    return _rewrite_children(query, rewrite_search, default_operator)


def rewrite_autocomplete(query: SearchQuery, default_operator: str) -> SearchQuery:
    """Bigrams AND-ed, the last one a prefix: 吐槽窗 → 吐槽 & 槽窗*."""
    if isinstance(query, PlainText):
        operator = query.operator or default_operator
        terms = query_terms(query.query_string)
        plain = PlainText(original_words(terms), operator=operator)
        if not any(has_han(term) for term in terms):
            return plain
        tokens = [token for term in terms for token in sequence(term)]
        return Or([PlainText(" ".join(tokens), operator="and"), plain])
    return _rewrite_children(query, rewrite_autocomplete, default_operator)


def _rewrite_children(query, rewrite, default_operator):
    if isinstance(query, And | Or):
        children = [rewrite(sub, default_operator) for sub in query.subqueries]
        children = [child for child in children if not is_empty(child)]
        return type(query)(children) if children else PlainText("")
    if isinstance(query, Not):
        return Not(rewrite(query.subquery, default_operator))
    if isinstance(query, Boost):
        return Boost(rewrite(query.subquery, default_operator), query.boost)
    return query
