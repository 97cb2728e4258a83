from wagtail import hooks
from wagtail.snippets.models import register_snippet

from articles.listings import stale_listed_at
from articles.models import ArticlePage, AuthorIndexPage, RelatedArticle
from articles.viewsets import NewsroomViewSetGroup
from core.purging import URLS_SHOWING_PAGE, page_urls
from security.integrity import CONTENT_CHECKS_HOOK

register_snippet(NewsroomViewSetGroup)


@hooks.register(URLS_SHOWING_PAGE)
def author_pages_and_pinning_articles(page, cache_object):
    """An article shows on its authors' pages and on the articles that pin
    it as related reading."""
    if not isinstance(page, ArticlePage):
        return set()
    urls = set()
    authors = [byline.author for byline in page.bylines.all()]
    index = AuthorIndexPage.objects.live().first() if authors else None
    if index is not None:
        urls |= {index.author_url(author) for author in authors}
    pinning = RelatedArticle.objects.filter(article=page).select_related("page")
    for link in pinning:
        urls |= page_urls(link.page, cache_object)
    return urls


@hooks.register(CONTENT_CHECKS_HOOK)
def listed_at_in_step():
    """Lists sort and group articles by the stored listed_at: one left
    behind by a bulk update of its dates puts the article in the wrong
    month (`manage.py check_content` reports it)."""
    return [
        f"{page.url_path}: listed_at {page.listed_at} is not its date "
        f"{page.expected_listed_at} (re-save the page to repair it)"
        for page in stale_listed_at()
    ]
