"""A reader reports (举报) a published comment or a reply under it."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from feedback import lifecycle, reports
from feedback.models import Feedback
from readers import standing
from readers.session import current_reader
from security import ratelimit
from security.client_ip import client_ip
from security.cross_origin import cross_origin_protected

from .responses import private_page


@cross_origin_protected  # the form is on cached article pages
@require_POST
def report(request, pk: int):
    item = Feedback.objects.public().filter(pk=pk).select_related("article").first()
    # A withdrawn article's comments are no longer shown: nothing to report
    # (a taken-down article leaves no trace, so the same 404).
    if item is None or item.article is None or item.article.is_withdrawn:
        raise Http404
    limit, window = settings.FEEDBACK_REPORT_RATE_LIMIT_PER_IP
    if not ratelimit.allow("report", ratelimit.client_key(request), limit, window):
        return private_page(request, "feedback/rate_limited_page.html", {}, status=429)
    reader = current_reader(request)
    context = {"item": item, "reader": reader}
    if reader is not None and (refusal := standing.interaction_refusal(reader)):
        context["message"] = refusal
        return private_page(
            request, "feedback/community_refused_page.html", context, status=403
        )
    reply = reports.reply_of(item, request.POST.get("reply"))
    try:
        reports.report(
            item,
            request.POST.get("category") or request.POST.get("reason", ""),
            reader=reader,
            reply=reply,
            ip=client_ip(request),
        )
    except reports.AlreadyReported:
        context["message"] = _(
            "You have reported this already. The outcome will show on your "
            "page “My comments and feedback”."
        )
        return private_page(
            request, "feedback/community_refused_page.html", context, status=409
        )
    except lifecycle.TransitionNotAllowed as refusal:
        raise Http404 from refusal
    return private_page(request, "feedback/reported_page.html", context)
