"""The pre-approval check: what an article must have before any reviewer may
pass it. It blocks; it is not a hint. Run on the saved page by the review
task (every approval, whatever sends it) and on the edit form when a reviewer
approves or a chief editor publishes from the editor, so the editor shows the
problems next to the fields."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext, pgettext_lazy

from articles.forms import REPRINT_SOURCE_MISSING
from articles.models import ArticlePage
from articles.models.reprint import titles_differ
from core.models import SiteSettings, Term
from core.models.terms import terms_by_level, texts_found_in

BYLINES = "bylines"  # a problem of the 署名 panel (the bylines formset)
TERM_FIELDS = (
    ("title", pgettext_lazy("checked field", "Title")),
    ("standfirst", pgettext_lazy("checked field", "Standfirst")),
    ("body", pgettext_lazy("checked field", "Body")),
)
REPRINT_FIELDS = ("is_reprint", "title", "original_title", "reprint_title_confirmed")


@dataclass(frozen=True)
class Problem:
    # the form field it belongs to (BYLINES: the 署名 panel); None: the page
    field: str | None
    message: str


@dataclass
class Draft:
    """What the check reads, taken from a saved page or from an edit form."""

    title: str
    standfirst: str
    body_texts: list[str]
    byline_count: int
    has_source: bool
    disclaimer: str
    column_title: str
    # Reprints (articles/models/reprint.py): the outlet is the chosen source.
    is_reprint: bool = False
    reprint_source: str = ""  # its name; "" if none was chosen
    reprint_source_approved: bool = False
    title_differs_from_original: bool = False
    title_change_confirmed: bool = False

    def texts(self, name: str) -> list[str]:
        return self.body_texts if name == "body" else [getattr(self, name)]


def summary(problems: list[Problem]) -> str:
    return gettext("The pre-approval check failed: %(problems)s") % {
        "problems": pgettext("pre-approval check", "; ").join(
            problem.message for problem in problems
        )
    }


def find_problems(draft: Draft) -> list[Problem]:
    problems = []
    if draft.byline_count < 1:
        problems.append(
            Problem(BYLINES, gettext("No byline: add at least one author."))
        )
    if not draft.has_source:
        problems.append(
            Problem(
                "source",
                gettext(
                    "No source: choose one, or set a default source in the site "
                    "settings."
                ),
            )
        )
    if not draft.disclaimer.strip():
        problems.append(
            Problem(
                "disclaimer",
                gettext(
                    "No disclaimer: write one for this article, or set a default "
                    "disclaimer on the column “%(column)s”."
                )
                % {"column": draft.column_title},
            )
        )
    if draft.is_reprint:
        problems.extend(reprint_problems(draft))
    blocked = terms_by_level()[Term.Level.BLOCKED]
    for name, label in TERM_FIELDS:
        found = texts_found_in(blocked, *draft.texts(name))
        if found:
            message = gettext(
                "%(field)s contains the blocked term(s) %(terms)s; please remove them."
            ) % {"field": label, "terms": quoted(found)}
            problems.append(Problem(name, message))
    return problems


EXCERPT_CHARS = 12


def marked_in_context(terms, texts) -> str:
    """Where each term stands in the texts, marked and with a little of the
    text around it, so a writer finds it in a long paragraph. A term found
    only in normalised form (spaced out, full-width…) has no place to mark."""
    places = []
    for term in terms:
        if getattr(term, "is_pattern", False):
            continue
        for text in texts:
            match = re.search(re.escape(str(term)), text, re.IGNORECASE)
            if match:
                start = max(0, match.start() - EXCERPT_CHARS)
                end = match.end() + EXCERPT_CHARS
                places.append(
                    ("…" if start else "")
                    + text[start : match.start()]
                    + pgettext("blocked term marked in its text", "[%(term)s]")
                    % {"term": match.group()}
                    + text[match.end() : end]
                    + ("…" if end < len(text) else "")
                )
                break
    return pgettext("pre-approval check", ", ").join(places)


def quoted(terms) -> str:
    return pgettext("pre-approval check", ", ").join(
        pgettext("pre-approval check", "“%(term)s”") % {"term": term} for term in terms
    )


def reprint_problems(draft: Draft) -> list[Problem]:
    """A reprint comes from an outlet on the approved list, and a title of
    our own was confirmed by whoever approves it."""
    problems = []
    if not draft.reprint_source:
        problems.append(Problem("source", str(REPRINT_SOURCE_MISSING)))
    elif not draft.reprint_source_approved:
        problems.append(
            Problem(
                "source",
                gettext(
                    "“%(source)s” is not on the approved list for reprints: use an "
                    "outlet on the list, or ask a deputy or chief editor to add it "
                    "to the list under Sources."
                )
                % {"source": draft.reprint_source},
            )
        )
    if draft.title_differs_from_original and not draft.title_change_confirmed:
        problems.append(
            Problem(
                "reprint_title_confirmed",
                gettext(
                    "The title differs from the original title: check it, then tick "
                    "“Checked: the title differs from the original”."
                ),
            )
        )
    return problems


def body_texts(body) -> list[str]:
    """Every text in an article body, one per field (ArticleBodyBlock.texts)."""
    if not body:
        return []
    return body.stream_block.texts(body)


def site_has_default_source(page) -> bool:
    site = page.get_site()
    return bool(site and SiteSettings.for_site(site).default_source_id)


def draft_from_page(page) -> Draft:
    """The draft of a saved article (e.g. a revision's content as a page)."""
    column = page.get_parent().specific
    return Draft(
        title=page.title,
        standfirst=page.standfirst,
        body_texts=body_texts(page.body),
        byline_count=len(page.bylines.all()),
        has_source=bool(page.source_id) or site_has_default_source(column),
        disclaimer=page.disclaimer or column.default_disclaimer,
        column_title=column.title,
        **reprint_facts(
            page.source if page.source_id else None,
            {name: getattr(page, name) for name in REPRINT_FIELDS},
        ),
    )


def reprint_facts(source, values) -> dict:
    """Draft's reprint fields, from the chosen source and the article's
    REPRINT_FIELDS (a page's, or an edit form's cleaned data)."""
    return {
        "is_reprint": bool(values.get("is_reprint")),
        "reprint_source": source.name if source else "",
        "reprint_source_approved": bool(source and source.approved_for_reprint),
        "title_differs_from_original": titles_differ(
            values.get("title") or "", values.get("original_title") or ""
        ),
        "title_change_confirmed": bool(values.get("reprint_title_confirmed")),
    }


def problems_for_page(page) -> list[Problem]:
    """Problems of any page under review; only articles are checked."""

    if not isinstance(page, ArticlePage):
        return []
    return find_problems(draft_from_page(page))
