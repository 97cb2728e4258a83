"""Who may draft and approve corrections, and the approval itself.

    draft ──(an approver of the article's column)──▶ approved: public

A writer or editor of the article's column drafts (the admin's create view,
or a feedback handler from a reader's 纠错); a holder of
`corrections.approve_correction` who covers the column (core/coverage.py)
approves. `setup_newsroom` gives that permission to the role group named by
CORRECTIONS_APPROVER_ROLE (编辑, the 初审 step's, by default). Approval
numbers the correction, logs it on the correction and on the article,
archives the article as readers now see it (record.archive) and purges
everything that shows the article (core.purging.article_changed)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page

from core.coverage import covers
from core.purging import article_changed
from corrections.models import Correction, State
from record.archive import archive
from record.models import Event

APPROVE_LOG_ACTION = "corrections.approve"
DRAFT_PERMISSION = "corrections.add_correction"
APPROVE_PERMISSION = "corrections.approve_correction"


class NotAllowed(Exception):
    """A step this person may not take, or not on this correction now."""


def may_draft(user, article) -> bool:
    """Whoever writes for the article's column (its team, or deputy and
    chief editors, who cover every column) and holds the permission."""
    if not (user.is_active and user.has_perm(DRAFT_PERMISSION)):
        return False
    if covers(user, article):
        return True
    column = article.get_parent()
    return column is not None and column.permissions_for_user(user).can_add_subpage()


def may_approve(user, correction) -> bool:
    return (
        correction.state == State.DRAFT
        and user.is_active
        and user.has_perm(APPROVE_PERMISSION)
        and covers(user, correction.article)
    )


def may_edit(user, correction) -> bool:
    """A draft may be changed or deleted by those who may draft for its
    article, and by its approvers; a public correction stays as it went out."""
    return correction.state == State.DRAFT and (
        may_draft(user, correction.article) or may_approve(user, correction)
    )


def draft(article, user, *, text, kind=Correction.Kind.CORRECTION, **fields):
    """A new draft on a live article (also what a feedback handler turns a
    reader's 纠错 into, before an approver makes it public)."""
    if not article.live:
        raise NotAllowed(
            _("Only a published article can get a correction or an update.")
        )
    text = (text or "").strip()
    if not text:
        raise NotAllowed(_("Write the text of the correction or update."))
    return Correction.objects.create(
        article=article, kind=kind, text=text, created_by=user, **fields
    )


def approve(correction, user) -> Correction:
    """Make a draft public; refused unless `user` may approve it now."""
    with transaction.atomic():
        # The article's row first: numbers and record entries of one
        # article are taken one approval at a time.
        Page.objects.select_for_update().filter(pk=correction.article_id).values(
            "pk"
        ).first()
        locked = (
            Correction.objects.select_for_update()
            .select_related("article")
            .get(pk=correction.pk)
        )
        if locked.state != State.DRAFT:
            raise NotAllowed(_("This correction or update is already public."))
        if not locked.article.live:
            raise NotAllowed(
                _("The article is no longer live: the correction cannot go public.")
            )
        if not may_approve(user, locked):
            raise NotAllowed(
                _("Only the column's approvers may approve corrections and updates.")
            )
        now = timezone.now()
        numbered = Correction.objects.filter(article_id=locked.article_id)
        highest = numbered.aggregate(highest=Max("number"))["highest"] or 0
        locked.number = highest + 1
        locked.state = State.APPROVED
        locked.approved_by = user
        locked.approved_at = now
        locked.published_at = locked.published_at or now
        locked.save()
        data = {
            "number": locked.number,
            "kind": locked.get_kind_display(),
            "text": locked.text,
        }
        log(instance=locked, action=APPROVE_LOG_ACTION, user=user, data=data)
        log(instance=locked.article, action=APPROVE_LOG_ACTION, user=user, data=data)
        archive(locked.article, Event.CORRECTION, user)
        article_changed.send(sender=Correction, page_id=locked.article_id)
    for field in Correction._meta.concrete_fields:
        setattr(correction, field.attname, getattr(locked, field.attname))
    return correction
