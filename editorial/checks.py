"""The pre-approval check: what an article must have before any reviewer may
pass it. It blocks; it is not a hint. Run on the saved page by the review
task (every approval, whatever sends it) and on the edit form when a reviewer
approves or a chief editor publishes from the editor, so the editor shows the
problems next to the fields."""

from dataclasses import dataclass

from articles.forms import REPRINT_SOURCE_MISSING
from articles.models import ArticlePage
from articles.models.reprint import titles_differ
from core.models import SiteSettings, Term
from core.models.terms import terms_by_level, texts_found_in

TERM_FIELDS = (("title", "标题"), ("standfirst", "导语"), ("body", "正文"))
REPRINT_FIELDS = ("is_reprint", "title", "original_title", "reprint_title_confirmed")


@dataclass(frozen=True)
class Problem:
    field: str | None  # the form field it belongs to; None for the page as a whole
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
    return "发布前检查未通过:" + ";".join(problem.message for problem in problems)


def find_problems(draft: Draft) -> list[Problem]:
    problems = []
    if draft.byline_count < 1:
        problems.append(Problem(None, "缺少署名:请至少添加一位作者。"))
    if not draft.has_source:
        problems.append(
            Problem("source", "缺少来源:请选择来源,或在「站点设置」里设置默认来源。")
        )
    if not draft.disclaimer.strip():
        problems.append(
            Problem(
                "disclaimer",
                "缺少免责声明:请填写本文的免责声明,"
                f"或在栏目「{draft.column_title}」里设置默认免责声明。",
            )
        )
    if draft.is_reprint:
        problems.extend(reprint_problems(draft))
    blocked = terms_by_level()[Term.Level.BLOCKED]
    for name, label in TERM_FIELDS:
        found = texts_found_in(blocked, *draft.texts(name))
        if found:
            words = "、".join(f"「{term}」" for term in found)
            problems.append(Problem(name, f"{label}含有禁用词{words},请删改。"))
    return problems


def reprint_problems(draft: Draft) -> list[Problem]:
    """A reprint comes from an outlet on the approved list, and a title of
    our own was confirmed by whoever approves it."""
    problems = []
    if not draft.reprint_source:
        problems.append(Problem("source", REPRINT_SOURCE_MISSING))
    elif not draft.reprint_source_approved:
        problems.append(
            Problem(
                "source",
                f"「{draft.reprint_source}」不在转载白名单上:请换用白名单上的媒体,"
                "或请副总编辑、总编辑在「来源」里把它列入白名单。",
            )
        )
    if draft.title_differs_from_original and not draft.title_change_confirmed:
        problems.append(
            Problem(
                "reprint_title_confirmed",
                "标题与原标题不一致:请核对后勾选「已核对:标题与原标题不一致」。",
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
