from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.models import ArticlePage, Withdrawal
from commentlog import log as comment_log
from feedback.forms import FeedbackForm
from feedback.models import Feedback, Kind
from feedback.screening import fingerprint, screen
from feedback.submission import Duplicate, Submission, store
from feedback.switches import RETRACTED_NOTICE, closed_notice
from readers import events as reader_events
from readers import policy as reader_policy
from readers import standing as reader_standing
from readers.ipregion import region_of
from readers.models import Standing
from readers.session import current_reader
from security import ratelimit
from security.client_ip import client_ip
from security.cross_origin import cross_origin_protected

from .responses import private_page


def within_rate_limits(key: str, article_id: int, *, well_formed: bool) -> bool:
    """Each limit counts what it protects. A well-formed submission (valid,
    and not caught by the honeypot or the fill time) counts against the
    sender's allowance and the article's, which readers share; anything
    else counts only against the sender's own allowance for junk, so junk
    from any number of addresses never closes an article's form. `key` is
    ratelimit.limit_key() of the client's address (IPv6 by /64)."""
    if not settings.FEEDBACK_RATE_LIMIT_ENABLED:
        return True
    if not well_formed:
        limit, window = settings.FEEDBACK_RATE_LIMIT_INVALID_PER_IP
        return ratelimit.allow("invalid", key, limit, window)
    per_ip, per_ip_window = settings.FEEDBACK_RATE_LIMIT_PER_IP
    per_article, per_article_window = settings.FEEDBACK_RATE_LIMIT_PER_ARTICLE
    return ratelimit.allow("ip", key, per_ip, per_ip_window) and ratelimit.allow(
        "article", str(article_id), per_article, per_article_window
    )


def standing_refusal(reader) -> str | None:
    """Why a signed-in reader may not comment now (readers/standing.py)."""
    if reader is None:
        return None
    last = None
    if reader.standing == Standing.RESTRICTED:
        last = (
            Feedback.objects.filter(reader=reader, kind=Kind.COMMENT)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    return reader_standing.comment_refusal(reader, last)


def _not_open(request, article_id: int):
    """No form for this article: a retracted one says so (410, like its
    tombstone); anything else (a draft, a private or taken-down article, no
    article) is the same 404, which says nothing of why."""
    retracted = (
        ArticlePage.objects.live()
        .filter(pk=article_id, withdrawal=Withdrawal.RETRACTED)
        .exists()
    )
    if retracted:
        context = {"notice": str(RETRACTED_NOTICE)}
        return private_page(request, "feedback/closed_page.html", context, status=410)
    return private_page(request, "feedback/closed_page.html", {}, status=404)


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
        return _not_open(request, article_id)
    form = FeedbackForm(request.POST, article_id=article.pk)
    context = {"article": article, "form": form}
    ip = client_ip(request)
    # Read from the database, not the cache: nothing gets in after a switch.
    if (notice := closed_notice(article, fresh=True)) is not None:
        comment_log.record(
            comment_log.Action.REFUSED_CLOSED,
            ip=ip,
            article=article.pk,
            content=request.POST.get("message", ""),
        )
        return private_page(
            request,
            "feedback/closed_page.html",
            # What the reader typed, given back to copy: nothing typed is lost.
            {
                "article": article,
                "notice": notice,
                "typed": request.POST.get("message", "")[:5000],
            },
            status=403,
        )
    well_formed = form.is_valid() and not form.bot_reasons
    if not within_rate_limits(
        ratelimit.limit_key(ip), article.pk, well_formed=well_formed
    ):
        return private_page(
            request, "feedback/rate_limited_page.html", context, status=429
        )
    if not form.is_valid():
        return private_page(request, "feedback/submit_page.html", context, status=400)

    data = form.cleaned_data
    # 后台实名、前台自愿: what READER_VERIFICATION_REQUIRED_FOR names (public
    # comments) needs a verified reader with a nickname who agreed to the
    # current rules; the form comes back with everything typed.
    reader = current_reader(request)
    if reader_policy.needs_verification(data["kind"]) and not reader_policy.may_comment(
        reader
    ):
        context["needs_verification"] = step = reader_policy.next_step(reader)
        reader_events.refused_unverified(
            request,
            reader,
            article=article,
            kind=data["kind"],
            message=data["message"],
            step=step,
        )
        return private_page(request, "feedback/submit_page.html", context, status=403)
    if data["kind"] == Kind.COMMENT and (refusal := standing_refusal(reader)):
        # Muted, banned, or restricted and too soon (readers/standing.py).
        context["standing_refusal"] = refusal
        reader_events.refused_unverified(
            request,
            reader,
            article=article,
            kind=data["kind"],
            message=data["message"],
            step="standing",
        )
        return private_page(request, "feedback/submit_page.html", context, status=403)
    if not reader_policy.may_comment(reader):
        reader = None
    try:
        # The duplicate check is in store(), in one transaction with the
        # insert: two workers given the same message cannot both store it.
        item = store(
            article,
            Submission(
                kind=data["kind"],
                message=data["message"],
                display_name=reader.nickname if reader else data["display_name"],
                contact=data["contact"],
                consent_public=data["consent_public"],
                reader=reader,
                ip_region=region_of(ip),
            ),
            screen(form.texts(), form.bot_reasons),
            fingerprint=fingerprint(data["message"]),
            ip=ip,
        )
    except Duplicate as duplicate:
        context["duplicate"] = duplicate.first
        return private_page(request, "feedback/submit_page.html", context, status=409)
    url = reverse("feedback:track", args=[item.tracking_code, item.tracking_token])
    return redirect(f"{url}?sent=1")
