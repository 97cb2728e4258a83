from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from articles.models import ArticlePage
from articles.models.article import ARTICLE_CONTEXT_HOOK
from core.purging import URLS_SHOWING_PAGE
from corrections import actions, content
from corrections.models import Correction
from corrections.permissions import CorrectionPermissionPolicy
from corrections.viewsets import CorrectionViewSet

register_permission_policy(Correction, CorrectionPermissionPolicy(Correction))
register_snippet(CorrectionViewSet)


@hooks.register(ARTICLE_CONTEXT_HOOK)
def corrections_on_the_article(page, request, context):
    """Under the body, newest first, and in the article's JSON-LD."""
    context["corrections"] = corrections = content.for_article(page)
    content.add_to_json_ld(context["article_json_ld"], corrections)


@hooks.register(URLS_SHOWING_PAGE)
def corrections_pages(page, cache_object):
    """The corrections pages and their feeds list an article with public
    corrections (its title, its address); so does the sitemap."""
    if not isinstance(page, ArticlePage):
        return set()
    if not Correction.objects.approved().filter(article=page).exists():
        return set()
    column = page.get_parent()
    try:
        paths = {
            reverse("corrections:index"),
            reverse("corrections:rss"),
            reverse("sitemap"),
        }
        if column is not None:
            paths.add(reverse("corrections:column", kwargs={"slug": column.slug}))
            paths.add(reverse("corrections:column_rss", kwargs={"slug": column.slug}))
    except NoReverseMatch:  # a URLconf without the corrections pages (some tests)
        return set()
    return paths


def add_correction_button(page, user, priority):
    page = page.specific_deferred
    if not isinstance(page, ArticlePage) or not page.live:
        return []
    if not actions.may_draft(user, page):
        return []
    url = (
        reverse("wagtailsnippets_corrections_correction:add")
        + "?"
        + urlencode({"article": page.pk})
    )
    return [
        Button(
            _("Add a correction or update"), url, icon_name="edit", priority=priority
        )
    ]


@hooks.register("register_page_header_buttons")
def page_header_add_correction(page, user, view_name=None, next_url=None):
    return add_correction_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_listing_add_correction(page, user, next_url=None):
    return add_correction_button(page, user, priority=42)


@hooks.register("register_log_actions")
def register_correction_log_actions(actions_registry):
    @actions_registry.register_action(actions.APPROVE_LOG_ACTION)
    class CorrectionApprovedFormatter(LogFormatter):
        label = _("Correction or update approved")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            kind = data.get("kind", _("Correction or update"))
            return _("%(kind)s #%(number)s approved and public") % {
                "kind": kind,
                "number": data.get("number", ""),
            }


@hooks.register("register_permissions")
def correction_permissions():
    return Permission.objects.filter(
        content_type__app_label="corrections",
        codename="approve_correction",
    )
