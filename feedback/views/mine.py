from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from feedback.models import Feedback
from feedback.reports import reports_by
from readers.session import current_reader

from .responses import private_page

MINE_LIMIT = 100


@require_GET
def mine(request):
    """A verified reader's own items ("my comments"), newest first, each with
    its private tracking link: under /feedback/, which no cache keeps."""
    reader = current_reader(request)
    if reader is None:
        return redirect(f"{reverse('readers:verify')}?next={request.path}")
    items = (
        Feedback.objects.filter(reader=reader)
        .exclude(state=Feedback.State.SPAM)
        .only(
            "kind",
            "state",
            "message",
            "created_at",
            "article_title",
            "tracking_code",
            "tracking_token",
            "is_public",
            "ip_region",
        )
        .order_by("-created_at")[:MINE_LIMIT]
    )
    context = {"reader": reader, "items": items, "reports": reports_by(reader)}
    return private_page(request, "readers/mine_page.html", context)
