from wagtail import hooks
from wagtail.snippets.models import register_snippet

from articles.models import ArticlePage, AuthorIndexPage, RelatedArticle
from articles.viewsets import NewsroomViewSetGroup
from core.purging import URLS_SHOWING_PAGE, page_urls

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
