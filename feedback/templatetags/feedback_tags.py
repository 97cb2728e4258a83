from django import template
from django.conf import settings

from core.people import display_name
from feedback.comment_pages import (
    PAGE_PARAMETER,
    comment_page,
    list_context,
    page_number,
)
from feedback.forms import FeedbackForm
from feedback.lifecycle import ACTION_LABELS
from feedback.masking import mask_personal_data
from feedback.switches import closed_notice
from feedback.tracking import format_code

register = template.Library()


@register.simple_tag(takes_context=True)
def article_feedback(context, article) -> dict | None:
    """Everything the feedback window under an article shows, in two
    queries however many items there are: one page of published items and
    their replies."""
    request = context["request"]
    if article.pk is None or getattr(request, "is_preview", False):
        return None  # a preview: readers cannot write to a draft
    # 置顶, then 精选, then newest; 最热 is a page of its own under /feedback/
    # (feedback/comment_pages.py), never this cached one.
    number = page_number(request.GET.get(PAGE_PARAMETER))
    return {
        # Comments closed (feedback/switches.py): a notice instead of the form.
        "closed": closed_notice(article),
        "form": FeedbackForm(article_id=article.pk),
        "items": comment_page(article.pk, number),
        **list_context(article.pk),
        "accept_days": settings.FEEDBACK_ACCEPT_WORKING_DAYS,
        "reply_days": settings.FEEDBACK_REPLY_WORKING_DAYS,
    }


@register.filter
def comment_page_number(raw) -> int:
    """?fb= as the page of comments it shows: a fragment's key, so junk
    values share page 1's fragment instead of each storing one of its own."""
    return page_number(raw)


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
