"""Closing comments: for one article (its editors: whoever covers it and
holds feedback.switch_article_comments), one column (deputy and chief
editors) or the whole site (the chief editor: the emergency switch).

Closed means the form under the article is replaced by the notice; what is
already published stays visible (unless hidden one by one); a submission
that arrives after the switch is refused with the notice and nothing is
stored. A retracted article takes no new feedback either (its tombstone has
no form); a taken-down one is not there at all.

How fast readers see it: the change purges the article's own URLs (an
article switch) or everything that can be purged (a column or the site: a
new Django page-cache generation, and the front pages in nginx). nginx
answers from its own copy for at most PROXY_CACHE_SECONDS (10 s) before
asking Django again, so every reader sees the notice within that bound. The
state is cached for rendering for at most the same time; a submission reads
the database, so no comment gets in after the switch, cached form or not.

Every change is written to the comment log (commentlog/)."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from articles.models import ArticlePage, ColumnPage
from commentlog import log as comment_log
from core import coverage
from core.purging import content_changed, everything_changed
from feedback.models import CommentSwitch, Scope

CACHE_KEY = "feedback:comment-switches"
PERMISSIONS = {
    Scope.ARTICLE: "feedback.switch_article_comments",
    Scope.COLUMN: "feedback.switch_column_comments",
    Scope.SITE: "feedback.switch_site_comments",
}
DEFAULT_NOTICES = {
    Scope.ARTICLE: _("Comments on this article are closed."),
    Scope.COLUMN: _("Comments in this column are closed for now."),
    Scope.SITE: _(
        "Comments are closed on the whole site for now. Published comments "
        "stay visible."
    ),
}
RETRACTED_NOTICE = _("This article has been retracted and takes no new comments.")


class SwitchRefused(Exception):
    pass


def may_switch(user, scope, page=None) -> bool:
    """The role's permission, and for an article or column: covering it."""
    if not (user.is_active and user.has_perm(PERMISSIONS[scope])):
        return False
    return scope == Scope.SITE or (page is not None and coverage.covers(user, page))


def _closed_rows():
    return {
        (row["scope"], row["page_id"]): row["notice"]
        for row in CommentSwitch.objects.filter(closed=True).values(
            "scope", "page_id", "notice"
        )
    }


def closed_switches(fresh=False) -> dict:
    """{(scope, page_id): notice} of what is closed. Rendering reads the
    cache (kept at most PROXY_CACHE_SECONDS); a submission reads fresh."""
    if fresh:
        return _closed_rows()
    rows = cache.get(CACHE_KEY)
    if rows is None:
        rows = _closed_rows()
        cache.set(CACHE_KEY, rows, settings.PROXY_CACHE_SECONDS)
    return rows


def closed_notice(article, fresh=False) -> str | None:
    """Why readers may not write under this article now, or None."""
    if getattr(article, "is_withdrawn", False):
        return str(RETRACTED_NOTICE)
    closed = closed_switches(fresh)
    if not closed:
        return None
    for key in (
        (Scope.SITE, None),
        (Scope.COLUMN, article.listed_column_id),
        (Scope.ARTICLE, article.pk),
    ):
        if key in closed:
            return closed[key]
    return None


def site_switch() -> CommentSwitch | None:
    return CommentSwitch.objects.filter(scope=Scope.SITE, page=None).first()


def switch_for(scope, page=None) -> CommentSwitch | None:
    if scope == Scope.SITE:
        return site_switch()
    return CommentSwitch.objects.filter(scope=scope, page=page).first()


def set_comments(scope, *, closed: bool, user, page=None, notice="", ip=None):
    """Close or reopen comments; refused (SwitchRefused) without the right.
    Logged; the caches are told after the commit."""
    if not may_switch(user, scope, page):
        raise SwitchRefused(scope)
    notice = (notice or "").strip() or str(DEFAULT_NOTICES[scope])
    with transaction.atomic():
        row = (
            CommentSwitch.objects.select_for_update()
            .filter(Q(scope=scope) & (Q(page=None) if page is None else Q(page=page)))
            .first()
        ) or CommentSwitch(scope=scope, page=page)
        row.closed = closed
        row.notice = notice
        row.changed_by = user
        row.changed_at = timezone.now()
        row.save()
        comment_log.record(
            comment_log.Action.SWITCH,
            step=f"{scope}:{'close' if closed else 'open'}",
            ip=ip,
            user=user,
            article=page.pk if scope == Scope.ARTICLE else None,
            content=notice if closed else "",
            detail={
                "scope": str(scope),
                "page_id": getattr(page, "pk", None),
                "column": _column_of(scope, page),
            },
        )
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))
        if scope == Scope.ARTICLE:
            content_changed.send(sender=CommentSwitch, page_id=page.pk)
        else:
            everything_changed.send(sender=CommentSwitch)
    return row


def _column_of(scope, page):
    if scope == Scope.COLUMN:
        return page.pk
    if scope == Scope.ARTICLE:
        return page.listed_column_id
    return None


def switchable_page(page_id: int, scope):
    """The article or column a switch is about (specific), or None."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    wanted = {Scope.ARTICLE: ArticlePage, Scope.COLUMN: ColumnPage}.get(scope)
    return page if wanted is not None and isinstance(page, wanted) else None
