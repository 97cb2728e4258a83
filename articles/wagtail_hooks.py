from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from articles import own_author, withdrawal, withdrawal_admin
from articles.listings import stale_listed_at
from articles.models import ArticlePage, AuthorIndexPage, RelatedArticle
from articles.viewsets import NewsroomViewSetGroup
from articles.withdrawal_admin import WithdrawalView
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


@hooks.register("register_admin_urls")
def own_author_urls():
    return [
        path(
            "articles/own-author/",
            own_author.create_own_author,
            name=own_author.URL_NAME,
        )
    ]


# Retraction, take-down and restore (articles/withdrawal.py).


@hooks.register("register_admin_urls")
def withdrawal_urls():
    return [
        path(
            "articles/<int:page_id>/withdrawal/<str:action>/",
            WithdrawalView.as_view(),
            name=withdrawal_admin.URL_NAME,
        )
    ]


@hooks.register("register_page_header_buttons")
def withdrawal_header_buttons(page, user, view_name, next_url=None):
    return withdrawal_admin.page_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def withdrawal_listing_buttons(page, user, next_url=None):
    return withdrawal_admin.page_buttons(page, user, next_url=next_url, priority=45)


for menu_item in withdrawal_admin.menu_items():
    hooks.register("register_page_action_menu_item", lambda item=menu_item: item)


@hooks.register("register_log_actions")
def withdrawal_log_actions(actions):
    for action in withdrawal.ACTIONS.values():
        actions.register_action(action.log_action)(withdrawal_log_formatter(action))


def withdrawal_log_formatter(action):
    class WithdrawalLogFormatter(LogFormatter):
        label = action.label

        def format_message(self, log_entry):
            reason = log_entry.data.get("reason", "")
            if not reason:
                return action.label
            return pgettext("log entry", "{action}: {reason}").format(
                action=action.label, reason=reason
            )

    return WithdrawalLogFormatter


@hooks.register("register_permissions")
def withdrawal_permissions():
    codenames = [
        action.permission.split(".")[1] for action in withdrawal.ACTIONS.values()
    ]
    return Permission.objects.filter(
        content_type__app_label="articles", codename__in=codenames
    )
