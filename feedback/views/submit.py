from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.models import ArticlePage
from feedback.forms import FeedbackForm
from feedback.screening import find_duplicate, fingerprint, screen
from feedback.submission import Submission, store
from security import ratelimit
from security.client_ip import client_ip
from security.cross_origin import cross_origin_protected

from .responses import private_page


def within_rate_limits(ip: str, article_id: int) -> bool:
    if not settings.FEEDBACK_RATE_LIMIT_ENABLED:
        return True
    per_ip, per_ip_window = settings.FEEDBACK_RATE_LIMIT_PER_IP
    per_article, per_article_window = settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE
    return ratelimit.allow("ip", ip, per_ip, per_ip_window) and ratelimit.allow(
        "article", str(article_id), per_article, per_article_window
    )


@cross_origin_protected  # the form is on cached pages: no CSRF token
@require_POST
def submit(request, article_id: int):
    """Take feedback on a live, public article; anything else is refused."""
    # What the item stores; an error page loads the rest of the page if needed.
    article = (
        ArticlePage.objects.readable()
        .filter(pk=article_id)
        .only("title", "path", "depth", "url_path", "locale", "listed_column")
        .first()
    )
    if article is None:
        return private_page(request, "feedback/closed_page.html", {}, status=404)
    form = FeedbackForm(request.POST, article_id=article.pk)
    context = {"article": article, "form": form}
    ip = client_ip(request)
    if not within_rate_limits(ip, article.pk):
        form.is_valid()  # so the page can show what was typed, cleaned
        return private_page(
            request, "feedback/rate_limited_page.html", context, status=429
        )
    if not form.is_valid():
        return private_page(request, "feedback/submit_page.html", context, status=400)

    data = form.cleaned_data
    message_fingerprint = fingerprint(data["message"])
    duplicate = find_duplicate(article, message_fingerprint)
    if duplicate is not None:
        context["duplicate"] = duplicate
        return private_page(request, "feedback/submit_page.html", context, status=409)

    item = store(
        article,
        Submission(
            kind=data["kind"],
            message=data["message"],
            display_name=data["display_name"],
            contact=data["contact"],
            consent_public=data["consent_public"],
        ),
        screen(form.texts(), form.bot_reasons),
        fingerprint=message_fingerprint,
        ip=ip,
    )
    url = reverse("feedback:track", args=[item.tracking_code, item.tracking_token])
    return redirect(f"{url}?sent=1")
