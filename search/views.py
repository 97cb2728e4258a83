from django.template.response import TemplateResponse

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
        message = "请输入要搜索的词语，如“吐槽窗口”或作者姓名。"
    elif not query_terms(query):
        message = "没有可搜索的文字，请换用中文、字母或数字。"
    else:
        results = paginate(request, search_articles(query))
        results.object_list = for_listing(results.object_list)
        if not results.paginator.count:
            message = f"没有找到与“{query}”相关的文章，请换个说法或减少词语。"
    response = TemplateResponse(
        request,
        "pages/search_page.html",
        {
            "search_query": query,
            "search_results": results,
            "search_message": message,
            "query_truncated": too_long,
            "max_query_length": MAX_QUERY_LENGTH,
            "search_crumbs": [{"title": "搜索", "url": request.path}],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
