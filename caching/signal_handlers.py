"""When each purge rule runs: publishing, unpublishing, moving, deleting a
page; retracting, taking down or restoring an article; a reader's comment or
an official reply going public; a site-wide change (settings, snippets,
images)."""

import threading

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from articles.models import ArticlePage, Author, AuthorIndexPage
from articles.withdrawal import withdrawal_changed
from caching import purge, rules
from core.purging import (
    article_changed,
    content_changed,
    everything_changed,
    page_urls,
    site_url,
)

# URLs a page had before a move, from pre_page_move to post_page_move.
_before_move = threading.local()

SITE_WIDE_MODELS = [
    "articles.Author",
    "articles.Source",
    "articles.BylineRole",
    "core.SiteSettings",
    "core.NewsImage",
    "taggit.Tag",
]
# Bookkeeping Wagtail saves while rendering (an image's size and hash).
UNSEEN_FIELDS = {"file_size", "file_hash"}


def _is_specific_page(instance) -> bool:
    return isinstance(instance, Page) and type(instance) is instance.specific_class


def page_changed(sender, instance, **kwargs):
    """Published or unpublished: the page's rule, for its state before the
    change (recorded by remember_live_state) and after."""
    urls = rules.urls_for_page(instance)
    urls |= getattr(instance, "_purge_urls_before", set())
    purge.purge_urls(urls)


def remember_live_state(sender, instance, update_fields=None, **kwargs):
    """Before a live article is saved by publishing, the pages that show it
    as it was: a changed slug, tag or byline leaves old pages to purge."""
    if not isinstance(instance, ArticlePage) or instance.pk is None:
        return
    if update_fields is not None:
        return  # a draft or bookkeeping save: what readers see is unchanged
    before = ArticlePage.objects.filter(pk=instance.pk, live=True).first()
    instance._purge_urls_before = rules.urls_for_page(before) if before else set()


def page_moving(sender, instance, **kwargs):
    pages = getattr(_before_move, "urls", {})
    pages[instance.pk] = rules.urls_for_page(instance)
    _before_move.urls = pages


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    urls = getattr(_before_move, "urls", {}).pop(instance.pk, set())
    urls |= rules.urls_for_page(instance)
    if isinstance(instance.specific_deferred, ArticlePage):
        purge.purge_urls(urls)
    else:
        # A column moved: every article under it has a new URL.
        purge.purge_everything(urls)


def page_deleting(sender, instance, **kwargs):
    if not _is_specific_page(instance):
        return
    if isinstance(instance, ArticlePage):
        if instance.live:
            purge.purge_urls(rules.urls_for_page(instance))
    else:
        purge.purge_everything(rules.urls_for_page(instance))


def article_withdrawn(sender, page, **kwargs):
    """Retracted, taken down or restored (articles/withdrawal.py): every
    page the article's rule names, and a new generation for the Django page
    cache, so that no cached page still offers it as automatic related
    reading; nginx asks Django again within PROXY_CACHE_SECONDS. Rare
    enough to be worth a cold cache, and a take-down must leave no trace."""
    purge.purge_everything(rules.urls_for_page(page))


def article_shown_changed(sender, page_id, **kwargs):
    """Something every page showing an article shows changed without the
    article being published (core/purging.py article_changed: a correction
    went public): the article's whole rule, as on publishing."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        purge.purge_urls(rules.urls_for_page(page))


def site_wide_change(sender, instance, created=False, update_fields=None, **kwargs):
    if kwargs.get("raw"):
        return  # loaddata (restore_site) clears the caches when it is done
    if created and kwargs.get("signal") is post_save:
        return  # nothing shows a new snippet or image until a page uses it
    if update_fields is not None and set(update_fields) <= UNSEEN_FIELDS:
        return
    urls = set()
    for site in Site.objects.select_related("root_page"):
        urls |= page_urls(site.root_page)
    if isinstance(instance, Author):
        index = AuthorIndexPage.objects.live().first()
        if index is not None:
            urls.add(site_url(index, index.author_url(instance)))
    purge.purge_everything(urls)


def front_pages() -> set[str]:
    urls = set()
    for site in Site.objects.select_related("root_page"):
        urls |= page_urls(site.root_page)
    return urls


def everything_shown_changed(sender, **kwargs):
    """Something every page may show changed (core/purging.py
    everything_changed: comments closed site-wide): purge what can be."""
    purge.purge_everything(front_pages())


def content_shown_changed(sender, page_id, **kwargs):
    """Something shown on a page changed without the page being published
    (core/purging.py content_changed): purge the page."""
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        purge.purge_urls(page_urls(page.specific_deferred))


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="caching.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="caching.page_unpublished")
    pre_save.connect(remember_live_state, dispatch_uid="caching.live_state")
    pre_page_move.connect(page_moving, dispatch_uid="caching.page_moving")
    post_page_move.connect(page_moved, dispatch_uid="caching.page_moved")
    pre_delete.connect(page_deleting, dispatch_uid="caching.page_deleting")
    for label in SITE_WIDE_MODELS:
        post_save.connect(site_wide_change, sender=label)
        post_delete.connect(site_wide_change, sender=label)
    content_changed.connect(
        content_shown_changed, dispatch_uid="caching.content_changed"
    )
    article_changed.connect(
        article_shown_changed, dispatch_uid="caching.article_changed"
    )
    withdrawal_changed.connect(article_withdrawn, dispatch_uid="caching.withdrawn")
    everything_changed.connect(
        everything_shown_changed, dispatch_uid="caching.everything_changed"
    )
