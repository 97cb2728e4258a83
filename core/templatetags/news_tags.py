from urllib.parse import quote

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

register = template.Library()


@register.filter
def cn_datetime(value) -> str:
    """2026年11月27日 16:49, in the site's time zone, zero-padded."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M")


@register.filter
def cn_date(value) -> str:
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y年%m月%d日")


@register.filter
def iso_datetime(value) -> str:
    """2026-11-27T16:49:00+08:00, for <time datetime> and structured data."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def author_url(context, author) -> str:
    """The public URL of an author, looking the author index up once a request."""
    request = context.get("request")
    cache_owner = request if request is not None else context
    index_url = getattr(cache_owner, "_author_index_url", None)
    if index_url is None:
        index = getattr(cache_owner, "_author_index_page", None)
        index_url = index.url if index else author_index_url()
        cache_owner._author_index_url = index_url
    if not index_url:
        return ""
    from articles.models import AuthorIndexPage

    return index_url + AuthorIndexPage().reverse_subpage(
        "author", kwargs={"slug": author.slug}
    )


AUTHOR_INDEX_URL_KEY = "author-index-url"


def author_index_url() -> str:
    """The author index's URL, from the cache: every byline links through
    it. Publishing, moving or unpublishing the index drops the cached URL
    (caching/signal_handlers.py)."""
    url = cache.get(AUTHOR_INDEX_URL_KEY)
    if url is None:
        from articles.models import AuthorIndexPage

        index = AuthorIndexPage.objects.live().first()
        url = (index.url or "") if index else ""
        cache.set(AUTHOR_INDEX_URL_KEY, url, 600)
    return url


@register.simple_tag(takes_context=True)
def tag_url(context, tag) -> str:
    """The public URL of a tag's article list, served by the front page."""
    request = context.get("request")
    cache_owner = request if request is not None else context
    home = getattr(cache_owner, "_home_page", None)
    if home is None:
        from home.models import HomePage

        # Routing the request loaded the site's root page already.
        site = Site.find_for_request(request) if request is not None else None
        root = site.root_page.specific if site is not None else None
        if not isinstance(root, HomePage):
            root = HomePage.objects.live().first()
        home = root or False
        cache_owner._home_page = home
    return home.tag_url(tag) if home else ""


@register.simple_tag(takes_context=True)
def share_links(context, page) -> dict:
    """Share targets that are plain links: no third-party script is loaded."""
    request = context["request"]
    path = page.get_url(request)
    url = request.build_absolute_uri(path)
    title = page.title
    encoded_url, encoded_title = quote(url, safe=""), quote(title, safe="")
    return {
        "url": url,
        "weibo": f"https://service.weibo.com/share/share.php?url={encoded_url}&title={encoded_title}",
        "qq": f"https://connect.qq.com/widget/shareqq/index.html?url={encoded_url}&title={encoded_title}",
        "qr_code": f"{reverse('share_qr_code')}?url={quote(path, safe='/')}",
    }
