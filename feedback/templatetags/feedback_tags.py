from django import template
from django.core.paginator import Paginator

from feedback import conf
from feedback.forms import FeedbackForm
from feedback.lifecycle import ACTION_LABELS
from feedback.masking import mask_personal_data
from feedback.models import Feedback, Kind
from feedback.tracking import format_code

register = template.Library()

PAGE_PARAMETER = "fb"


@register.simple_tag(takes_context=True)
def article_feedback(context, article) -> dict | None:
    """Everything the feedback window under an article shows, in three
    queries however many items there are: the count, one page of published
    items, their replies; plus one for correction notes."""
    request = context["request"]
    if article.pk is None or getattr(request, "is_preview", False):
        return None  # a preview: readers cannot write to a draft
    published = (
        Feedback.objects.public()
        .filter(article=article)
        .prefetch_related("replies")
        .order_by("-created_at", "-pk")
    )
    paginator = Paginator(published, conf.get("FEEDBACK_PUBLIC_PER_PAGE"))
    corrections = (
        Feedback.objects.filter(article=article, kind=Kind.CORRECTION)
        .exclude(correction_note="")
        .order_by("created_at")
    )
    return {
        "form": FeedbackForm(article_id=article.pk),
        "items": paginator.get_page(request.GET.get(PAGE_PARAMETER)),
        "page_parameter": PAGE_PARAMETER,
        "corrections": corrections,
        "accept_days": conf.get("FEEDBACK_ACCEPT_WORKING_DAYS"),
        "reply_days": conf.get("FEEDBACK_REPLY_WORKING_DAYS"),
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
