"""Keeping ArticlePage.listed_column in step when an article is moved:
Wagtail moves pages by rewriting tree paths, without the article's save()."""

from wagtail.signals import post_page_move


def article_moved(sender, instance, parent_page_after, **kwargs):
    from articles.models import ArticlePage
    from articles.models.article import column_id

    if not issubclass(instance.specific_class or type(instance), ArticlePage):
        return
    ArticlePage.objects.filter(pk=instance.pk).update(
        listed_column=column_id(parent_page_after)
    )


def connect() -> None:
    post_page_move.connect(article_moved, dispatch_uid="articles.article_moved")
