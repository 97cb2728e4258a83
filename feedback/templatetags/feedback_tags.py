from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse

from core.people import display_name
from feedback.forms import FeedbackForm
from feedback.lifecycle import ACTION_LABELS
from feedback.masking import mask_personal_data
from feedback.models import Feedback, ReportCategory
from feedback.switches import closed_notice
from feedback.tracking import format_code

register = template.Library()

PAGE_PARAMETER = "fb"


@dataclass
class FeedbackPage:
    """One page of published items, newest first. It fetches one item more
    than it shows to know whether an older page exists, so it needs no
    COUNT query."""

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


def _page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1


@register.simple_tag(takes_context=True)
def article_feedback(context, article) -> dict | None:
    """Everything the feedback window under an article shows, in two
    queries however many items there are: one page of published items and
    their replies."""
    request = context["request"]
    if article.pk is None or getattr(request, "is_preview", False):
        return None  # a preview: readers cannot write to a draft
    per_page = settings.FEEDBACK_PUBLIC_PER_PAGE
    number = _page_number(request.GET.get(PAGE_PARAMETER))
    start = (number - 1) * per_page
    items = list(
        Feedback.objects.public()
        .filter(article=article)
        .prefetch_related("replies")
        # 置顶, then 精选, then newest (the 最热 order is the script's).
        .order_by("-is_pinned", "-is_featured", "-created_at", "-pk")[
            start : start + per_page + 1
        ]
    )
    return {
        # Comments closed (feedback/switches.py): a notice instead of the form.
        "closed": closed_notice(article),
        "form": FeedbackForm(article_id=article.pk),
        "items": FeedbackPage(number, items[:per_page], len(items) > per_page),
        "page_parameter": PAGE_PARAMETER,
        "report_categories": ReportCategory.choices,
        "community_url": reverse("feedback:community_counts", args=[article.pk]),
        "accept_days": settings.FEEDBACK_ACCEPT_WORKING_DAYS,
        "reply_days": settings.FEEDBACK_REPLY_WORKING_DAYS,
    }


@register.filter
def mask_personal(text) -> str:
    """Phone, ID and e-mail masked; the result is still escaped on output."""
    return mask_personal_data(str(text or ""))


@register.filter
def tracking_code(code) -> str:
    return format_code(code)


@register.filter
def action_label(action) -> str:
    return ACTION_LABELS.get(action, action)


@register.filter
def person(user) -> str:
    """A staff member's name as the site writes it (family name first)."""
    return display_name(user)
