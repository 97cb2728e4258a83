"""Keeping what articles derive from the page tree in step with it: an
article's listed_column when it is moved (Wagtail moves pages by rewriting
tree paths, without the article's save()), and the author index's cached URL
when the index is published, unpublished or moved."""

from django.core.cache import cache
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import ArticlePage, AuthorIndexPage
from articles.models.article import column_id


def article_moved(sender, instance, parent_page_after, **kwargs):
    if not issubclass(instance.specific_class or type(instance), ArticlePage):
        return
    ArticlePage.objects.filter(pk=instance.pk).update(
        listed_column=column_id(parent_page_after)
    )


def forget_author_index_url(sender, **kwargs):
    cache.delete(AuthorIndexPage.URL_CACHE_KEY)


def connect() -> None:
    post_page_move.connect(article_moved, dispatch_uid="articles.article_moved")
    page_published.connect(
        forget_author_index_url,
        sender=AuthorIndexPage,
        dispatch_uid="articles.author_index_published",
    )
    page_unpublished.connect(
        forget_author_index_url,
        sender=AuthorIndexPage,
        dispatch_uid="articles.author_index_unpublished",
    )
    # Any moved page may be the index or one of its ancestors.
    post_page_move.connect(
        forget_author_index_url, dispatch_uid="articles.author_index_moved"
    )
