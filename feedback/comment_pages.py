"""One page of the published comments under an article, in either order:

- 最新 (newest): 置顶, then 精选, then newest. The article page renders it,
  and the page cache and the render cache keep it (`?fb=N` for older pages).
- 最热 (most liked): 置顶, then 精选, then by likes, then newest, ranked over
  ALL the article's published items, not only those of one page. Like counts
  change with every like, so this order is never part of the cached article:
  it is its own small page under /feedback/ (feedback/views/community.py),
  which no cache keeps, and which the article's script loads in place of
  the list.

Either way: two queries however many items there are (the page, and the
replies of its items)."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from core.pagination import page_number as listing_page_number
from feedback.models import Feedback, ReportCategory

PAGE_PARAMETER = "fb"
NEWEST = "newest"
HOTTEST = "hottest"
ORDERS = {
    NEWEST: ("-is_pinned", "-is_featured", "-created_at", "-pk"),
    HOTTEST: ("-is_pinned", "-is_featured", "-like_count", "-created_at", "-pk"),
}


@dataclass
class FeedbackPage:
    """One page of published items. It fetches one item more than it shows
    to know whether another page exists, so it needs no COUNT query."""

    number: int
    items: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self):
        return iter(self.items)

    def __bool__(self):
        return bool(self.items)


def page_number(raw) -> int:
    """?fb= as a page number; anything that is not ASCII digits (letters,
    signs, full-width digits) is page 1."""
    number = listing_page_number(raw) if isinstance(raw, str) else None
    return max(1, min(number or 1, 10_000))


def comment_page(article_id: int, number: int, order: str = NEWEST) -> FeedbackPage:
    per_page = settings.FEEDBACK_PUBLIC_PER_PAGE
    start = (number - 1) * per_page
    items = Feedback.objects.public().filter(article_id=article_id)
    if order == HOTTEST:
        # Counted in the same query; each item keeps its count (like_count).
        items = items.annotate(like_count=Count("likes"))
    items = list(
        items.prefetch_related("replies").order_by(*ORDERS[order])[
            start : start + per_page + 1
        ]
    )
    return FeedbackPage(number, items[:per_page], len(items) > per_page)


def list_context(article_id: int, order: str = NEWEST, newest_url="#feedback") -> dict:
    """What the list of comments needs besides its items (both orders)."""
    hottest_url = reverse("feedback:hottest", args=[article_id])
    return {
        "order": order,
        "page_parameter": PAGE_PARAMETER,
        # Where the pages of this order are: the article's own URL for 最新
        # (relative links), the 最热 page's for 最热 (the script moves its
        # list and links into the article page).
        "page_base": hottest_url if order == HOTTEST else "",
        "hottest_url": hottest_url,
        "newest_url": newest_url,
        "report_categories": ReportCategory.choices,
        "community_url": reverse("feedback:community_counts", args=[article_id]),
    }
