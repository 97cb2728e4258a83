from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.pagination import paginate
from core.segment import query_terms
from search.articles import for_listing, search_articles

MAX_QUERY_LENGTH = 100


def search(request):
    """Search articles. Results are for readers, not crawlers: noindex."""
    query = " ".join(request.GET.get("q", "").split())
    too_long = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results = None
    message = ""
    if not query:
        message = _(
            "Enter words to search for, such as “吐槽窗口” or an author's name."
        )
    elif not query_terms(query):
        message = _(
            "There is nothing to search for: use Chinese characters, letters or digits."
        )
    else:
        results = paginate(request, search_articles(query))
        results.object_list = for_listing(results.object_list)
        if not results.paginator.count:
            message = _(
                "No articles found for “%(query)s”: try other words or fewer of them."
            ) % {"query": query}
    response = TemplateResponse(
        request,
        "pages/search_page.html",
        {
            "search_query": query,
            "search_results": results,
            "search_message": message,
            "query_truncated": too_long,
            "max_query_length": MAX_QUERY_LENGTH,
            "search_crumbs": [{"title": _("Search"), "url": request.path}],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
