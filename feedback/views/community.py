"""The per-reader part of the comments under a cached article: like counts
and what the signed-in reader liked (GET, JSON), a like (POST), and the
comments 最热 first (a page whose list the article's script loads). All
under /feedback/, which no cache keeps; the article page itself stays one
page for every reader (feedback/static/feedback/comment-community.js)."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from articles.models import ArticlePage
from feedback import likes
from feedback.comment_pages import (
    HOTTEST,
    PAGE_PARAMETER,
    comment_page,
    list_context,
    page_number,
)
from feedback.models import Feedback
from readers import standing
from readers.policy import may_comment
from readers.session import current_reader
from security import ratelimit
from security.client_ip import client_ip
from security.cross_origin import cross_origin_protected

from .responses import private_page


def _json(data, status=200):
    response = JsonResponse(data, status=status)
    add_never_cache_headers(response)
    response.headers["Cache-Control"] += ", private"
    return response


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_GET
def counts(request, article_id: int):
    """{"likes": {id: n}, "liked": [id…], "reader": bool} for one article."""
    reader = current_reader(request)
    return _json(
        {
            "likes": {
                str(pk): n for pk, n in likes.counts_for_article(article_id).items()
            },
            "liked": likes.liked_by(reader, article_id),
            "reader": reader is not None,
        }
    )


@require_GET
def hottest(request, article_id: int):
    """The comments under an article 最热 first (置顶, 精选, then by likes over
    all its published comments, then newest), `?fb=N` for the next pages.
    The article page's script puts its list in place of the cached 最新
    list; without the script, the 最热 link opens it as a page. Under
    /feedback/, never cached: like counts change all the time, and a like
    purges nothing. A few queries however many comments and likes there
    are (tests/feedback/test_hottest.py)."""
    article = (
        ArticlePage.objects.readable()
        .filter(pk=article_id)
        .only("title", "path", "depth", "url_path", "locale", "withdrawal")
        .first()
    )
    if article is None:
        raise Http404
    number = page_number(request.GET.get(PAGE_PARAMETER))
    items = comment_page(article.pk, number, HOTTEST)
    if not items and number > 1:
        raise Http404
    feedback = {
        "items": items,
        **list_context(article.pk, HOTTEST, newest_url=f"{article.url}#feedback"),
    }
    context = {"article": article, "feedback": feedback}
    return private_page(request, "feedback/hottest_page.html", context)


def _refused(request, message: str, status: int, item=None):
    if wants_json(request):
        return _json({"error": message}, status=status)
    context = {"message": message, "item": item}
    return private_page(
        request, "feedback/community_refused_page.html", context, status
    )


@cross_origin_protected  # posted from cached article pages: no CSRF token
@require_POST
def like(request, pk: int):
    """Like a published item, once; JSON for the page's script, else back to
    the article."""
    item = Feedback.objects.public().filter(pk=pk).select_related("article").first()
    if item is None or item.article is None or item.article.is_withdrawn:
        raise Http404
    reader = current_reader(request)
    if not may_comment(reader):
        return _refused(
            request, _("Only verified readers can like comments."), 403, item
        )
    if refusal := standing.interaction_refusal(reader):
        return _refused(request, refusal, 403, item)
    per_reader, reader_window = settings.FEEDBACK_LIKE_RATE_LIMIT_PER_READER
    per_ip, ip_window = settings.FEEDBACK_LIKE_RATE_LIMIT_PER_IP
    if not (
        ratelimit.allow("like-reader", str(reader.pk), per_reader, reader_window)
        and ratelimit.allow("like-ip", ratelimit.client_key(request), per_ip, ip_window)
    ):
        return _refused(
            request,
            _("Too many likes in a short time. Please try again in a few minutes."),
            429,
            item,
        )
    created = likes.like(item, reader, ip=client_ip(request))
    if wants_json(request):
        return _json(
            {"likes": likes.like_count(item), "liked": True, "new": created},
            status=200,
        )
    return redirect(f"{item.article.url}#comment-{item.pk}")
