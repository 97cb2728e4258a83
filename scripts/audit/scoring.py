"""Lighthouse category scores with the exemptions of the issue "Reader pages:
Lighthouse 100", recomputed from the audit results of a Lighthouse report
(its JSON, the "LHR").

Lighthouse scores a category as the weighted mean of its audits' scores, with
the weights of the category's auditRefs; audits that are not applicable,
informative or manual weigh nothing (core/scoring.js). The exemptions are
applied the same way, never by skipping a whole category:

- a page that is `noindex` on purpose (search, the feedback tracking page)
  is judged without the SEO audit `is-crawlable`;
- a page that answers 4xx on purpose (404, a retraction's 410) is judged
  without the SEO audit `http-status-code`, and its console errors without
  the entry that is only the browser reporting the document's own status
  (`errors-in-console` passes when that entry is all there is).

An exempt audit weighs nothing; every other audit keeps its weight and score,
so the score is exactly Lighthouse's own when nothing is exempt.
"""

import math
from dataclasses import dataclass, field

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
UNSCORED_MODES = {"notApplicable", "informative", "manual"}
# Performance audits of no weight shown with a failing performance score.
HINTED = {"metricSavings", "numeric", "binary"}


@dataclass
class Failing:
    """An audit that costs its category points (or, as a hint, time)."""

    id: str
    title: str
    score: float | None
    weight: float
    display: str = ""
    items: list[str] = field(default_factory=list)  # what it found, the first few

    def __str__(self) -> str:
        value = f" ({self.display})" if self.display else ""
        return f"{self.id}: {self.title}{value}" + "".join(
            f"\n          {item}" for item in self.items
        )


def found_items(audit: dict, skip=None, limit: int = 5) -> list[str]:
    """What a failing audit points at: elements, console messages, URLs
    (without the items `skip` says are exempt)."""
    items = (audit.get("details") or {}).get("items") or []
    items = [item for item in items if not (skip and skip(item))]
    shown = []
    for item in items[:limit]:
        node = item.get("node") or {}
        where = item.get("url") or (item.get("sourceLocation") or {}).get("url", "")
        text = node.get("snippet") or " ".join(
            str(part) for part in (item.get("description"), where) if part
        )
        if text:
            shown.append(" ".join(text.split())[:200])
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit} more")
    return shown


@dataclass
class CategoryScore:
    score: int | None  # 0-100, as Lighthouse shows it; None: not scored
    lighthouse: int | None  # Lighthouse's own score, before exemptions
    failing: list[Failing] = field(default_factory=list)
    exempted: list[str] = field(default_factory=list)
    # Performance only: opportunities and diagnostics that fail (weight 0).
    hints: list[Failing] = field(default_factory=list)


def as_percent(score: float | None) -> int | None:
    """Lighthouse rounds a category to two decimals, half up, and shows ×100."""
    return None if score is None else math.floor(score * 100 + 0.5)


def _only_own_status(item: dict, document_url: str, status: int) -> bool:
    """A console entry that is the browser reporting the document's status."""
    url = item.get("url") or item.get("sourceLocation", {}).get("url", "")
    return (
        item.get("source") == "network"
        and url.split("#")[0] == document_url.split("#")[0]
        and f"status of {status}" in item.get("description", "")
    )


def adjustments(lhr: dict, *, status: int, noindex: bool):
    """The audits a page is judged without, scores judged differently, and
    which items of an audit are exempt."""
    exempt, rescored, skipped = set(), {}, {}
    if noindex:
        exempt.add("is-crawlable")
    if 400 <= status < 500:
        exempt.add("http-status-code")
        document = lhr.get("mainDocumentUrl") or lhr["finalDisplayedUrl"]

        def own_status(item):
            return _only_own_status(item, document, status)

        skipped["errors-in-console"] = own_status
        console = lhr["audits"].get("errors-in-console")
        if console and console.get("score") == 0:
            items = (console.get("details") or {}).get("items", [])
            if items and all(map(own_status, items)):
                rescored["errors-in-console"] = 1.0
    return exempt, rescored, skipped


def judge(lhr: dict, *, status: int = 200, noindex: bool = False) -> dict:
    """Each category's CategoryScore for one Lighthouse run."""
    exempt, rescored, skipped = adjustments(lhr, status=status, noindex=noindex)
    audits = lhr["audits"]
    judged = {}
    for name in CATEGORIES:
        category = lhr["categories"][name]
        total = weights = 0.0
        unscored = False
        result = CategoryScore(None, as_percent(category.get("score")))
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            weight = ref.get("weight", 0)
            if weight == 0 or audit.get("scoreDisplayMode") in UNSCORED_MODES:
                if name == "performance":
                    _add_hint(result, audit)
                continue
            if ref["id"] in exempt:
                result.exempted.append(ref["id"])
                continue
            score = rescored.get(ref["id"], audit.get("score"))
            if ref["id"] in rescored:
                result.exempted.append(ref["id"] + " (own status only)")
            if score is None:  # the audit errored: Lighthouse scores nothing
                unscored = True
                score = 0
            total += score * weight
            weights += weight
            if score < 1:
                result.failing.append(
                    Failing(
                        ref["id"],
                        audit.get("title", ""),
                        audit.get("score"),
                        weight,
                        audit.get("displayValue", ""),
                        []
                        if name == "performance"
                        else found_items(audit, skipped.get(ref["id"])),
                    )
                )
        if not unscored:
            result.score = as_percent(round(total / weights, 10) if weights else 0)
        judged[name] = result
    return judged


def _add_hint(result: CategoryScore, audit: dict) -> None:
    score = audit.get("score")
    if score is None or score >= 0.9 or audit.get("scoreDisplayMode") not in HINTED:
        return
    title, display = audit.get("title", ""), audit.get("displayValue", "")
    result.hints.append(Failing(audit["id"], title, score, 0, display))
