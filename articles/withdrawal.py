"""Retracting (撤稿), taking down (下线) and restoring an article: who may,
what changes, what is logged, and who is told. The admin's confirm view
(articles/withdrawal_admin.py) is the only caller; the state itself and
what readers then get are in articles/models/withdrawal.py.

Each step is archived in the publication record (record/) with what
readers are shown afterwards (the tombstone, nothing, the article again),
and the signal ``withdrawal_changed`` (``page``, ``action``, ``user``,
``reason``) tells the apps above: caching purges every page that showed
the article, or that shows it again after a restore."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import log
from wagtail.search.index import insert_or_update_object

from articles.models import ArticlePage, Withdrawal
from core import coverage, listing_counts, render_cache
from record.archive import archive

logger = logging.getLogger(__name__)

withdrawal_changed = Signal()


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    permission: str
    log_action: str
    result: str  # the article's withdrawal afterwards
    applies_to: tuple[str, ...]  # the states it may start from
    reason_label: str
    reason_help: str
    confirm_label: str  # the confirm view's button


RETRACT = Action(
    name="retract",
    label=pgettext_lazy("withdrawal action", "Retract"),
    permission="articles.retract_article",
    log_action="articles.retract",
    result=Withdrawal.RETRACTED,
    applies_to=(Withdrawal.NONE,),
    reason_label=_("Reason for the retraction (public)"),
    reason_help=_(
        "Shown in the retraction notice at the article's address: readers see it."
    ),
    confirm_label=_("Yes, retract it"),
)
TAKE_DOWN = Action(
    name="take_down",
    label=pgettext_lazy("withdrawal action", "Take down"),
    permission="articles.take_down_article",
    log_action="articles.take_down",
    result=Withdrawal.TAKEN_DOWN,
    applies_to=(Withdrawal.NONE, Withdrawal.RETRACTED),
    reason_label=_("Reason for the take-down (staff only)"),
    reason_help=_(
        "Such as a court document or the reference of a letter; readers do not "
        "see it, and the address will answer “page not found”."
    ),
    confirm_label=_("Yes, take it down"),
)
RESTORE = Action(
    name="restore",
    label=pgettext_lazy("withdrawal action", "Restore"),
    permission="articles.restore_article",
    log_action="articles.restore",
    result=Withdrawal.NONE,
    applies_to=(Withdrawal.RETRACTED, Withdrawal.TAKEN_DOWN),
    reason_label=_("Reason for the restore"),
    reason_help=_(
        "Once restored, the article is back in the lists, search, feeds and sitemap."
    ),
    confirm_label=_("Yes, restore it"),
)
ACTIONS = {action.name: action for action in (RETRACT, TAKE_DOWN, RESTORE)}


class WithdrawalRefused(PermissionDenied):
    """An action the person may not take, or that the article's state does
    not allow (e.g. two editors pressing 撤稿 at once)."""


def applies(action: Action, page) -> bool:
    """Whether the action makes sense for the article as it is: only a
    published article is retracted or taken down."""
    if page.withdrawal not in action.applies_to:
        return False
    return page.live or action is RESTORE


def may(user, action: Action, page) -> bool:
    """The action's permission (a role's, editorial/roles.py) on an article
    the person covers."""
    return (
        user.is_active
        and user.has_perm(action.permission)
        and coverage.covers(user, page)
    )


@transaction.atomic
def perform(action: Action, page, user, reason: str):
    """Take the action on the article as `user`, for `reason`; returns the
    article in its new state."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A withdrawal or restore always says why.")
    if not may(user, action, page):
        raise WithdrawalRefused(f"{user} may not {action.name} {page}")
    # The row as it is now, locked: a second click or a second editor waits
    # and then finds the action already taken.
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    if not applies(action, page):
        raise WithdrawalRefused(f"{page} is {page.withdrawal or 'shown'}")

    previous = page.withdrawal
    withdrawn = action.result != Withdrawal.NONE
    values = {
        "withdrawal": action.result,
        "withdrawal_reason": reason if withdrawn else "",
        "withdrawn_at": timezone.now() if withdrawn else None,
    }
    # An update, not save(): nothing else on the page changes, and no
    # revision is made (the state is not content: articles/models/withdrawal.py).
    ArticlePage.objects.filter(pk=page.pk).update(**values)
    for name, value in values.items():
        setattr(page, name, value)
    log(
        instance=page,
        action=action.log_action,
        user=user,
        data={"reason": reason, "previous": previous},
    )
    archive_step(page, action, user)
    listing_counts.renew()
    render_cache.renew()
    insert_or_update_object(page)  # withdrawal is a search filter field
    withdrawal_changed.send(
        sender=ArticlePage, page=page, action=action.name, user=user, reason=reason
    )
    return page


def archive_step(page, action: Action, user) -> None:
    """The record's entry for this step (record.models.Event has the same
    names as the actions). A failure is logged as an error, not raised: a
    take-down must not wait for the record."""
    try:
        with transaction.atomic():  # a failed archive leaves the step intact
            archive(page, action.name, user)
    except Exception:
        logger.exception("Could not archive the %s of page %s", action.name, page.pk)
