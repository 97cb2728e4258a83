"""A commenter's credit state (信用等级) and the sanctions staff apply.

    new ──trust──▶ trusted (fast lane in the review queue, still reviewed)
     │
     ├─warning──▶ (state unchanged; shown to the reader)
     ├─restrict─▶ restricted (READER_RESTRICTED_COMMENT_INTERVAL between comments)
     ├─mute N days▶ muted (no comments, likes or reports until then)
     └─ban──────▶ banned (ditto, and the number cannot verify again)

Every change is a Sanction row (shown to the reader with how to appeal)
and a row in the comment log. Who may: `readers.sanction_reader` (warning,
restrict, mute, trust, back to new), `readers.ban_reader` (ban) and
`readers.lift_ban` (the site administrator only)."""

from datetime import timedelta

from django.apps import apps as global_apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commentlog import log
from core.people import display_name
from readers.models import BlockedPhone, Reader, Sanction, SanctionKind, Standing

SANCTION_PERMISSION = "readers.sanction_reader"
BAN_PERMISSION = "readers.ban_reader"
LIFT_BAN_PERMISSION = "readers.lift_ban"

# Who may, by editorial's role names (editorial is above us): the feedback
# handlers and the chief editor warn, restrict, mute, trust and ban; only
# the site administrators lift a ban. Granted by setup_newsroom (the
# register_newsroom_role_permissions hook) and by the data migration.
SANCTION_ROLES = {
    "反馈处理员": [SANCTION_PERMISSION, BAN_PERMISSION],
    "总编辑": [SANCTION_PERMISSION, BAN_PERMISSION],
    "站点管理员": [LIFT_BAN_PERMISSION],
}

# What each kind of record needs, and the state it leaves the reader in
# (None: unchanged).
PERMISSION_FOR = {
    SanctionKind.WARNING: SANCTION_PERMISSION,
    SanctionKind.RESTRICT: SANCTION_PERMISSION,
    SanctionKind.MUTE: SANCTION_PERMISSION,
    SanctionKind.TRUST: SANCTION_PERMISSION,
    SanctionKind.RESET: SANCTION_PERMISSION,
    SanctionKind.BAN: BAN_PERMISSION,
    SanctionKind.LIFT_BAN: LIFT_BAN_PERMISSION,
}
STANDING_AFTER = {
    SanctionKind.WARNING: None,
    SanctionKind.RESTRICT: Standing.RESTRICTED,
    SanctionKind.MUTE: Standing.MUTED,
    SanctionKind.TRUST: Standing.TRUSTED,
    SanctionKind.RESET: Standing.NEW,
    SanctionKind.BAN: Standing.BANNED,
    SanctionKind.LIFT_BAN: Standing.NEW,
}


class NotAllowed(Exception):
    """The step cannot be taken; str() says why."""


def may_apply(user, kind) -> bool:
    return bool(user and user.is_active and user.has_perm(PERMISSION_FOR[kind]))


def kinds_for(user, reader: Reader) -> list[str]:
    """The records this person may add for this reader now."""
    banned = reader.standing == Standing.BANNED
    return [
        kind
        for kind in PERMISSION_FOR
        if may_apply(user, kind) and (kind == SanctionKind.LIFT_BAN) == banned
    ]


def current(reader: Reader) -> str:
    """The state in force now: a mute that ran out is over."""
    if reader.standing == Standing.MUTED and (
        reader.muted_until is None or reader.muted_until <= timezone.now()
    ):
        return Standing.NEW
    return reader.standing


def apply(reader: Reader, kind, *, user, reason: str, days: int | None = None, ip=None):
    """Record a sanction (or a grade) for the reader, change the state, and
    log it. A ban blocks the number; lifting it unblocks it."""
    if not may_apply(user, kind):
        raise NotAllowed(_("You may not do this."))
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Please give a reason: the reader is shown it."))
    banned = reader.standing == Standing.BANNED
    if banned and kind != SanctionKind.LIFT_BAN:
        raise NotAllowed(_("This commenter is banned: lift the ban first."))
    if kind == SanctionKind.LIFT_BAN and not banned:
        raise NotAllowed(_("This commenter is not banned."))
    until = None
    if kind == SanctionKind.MUTE:
        days = days or settings.READER_MUTE_DAYS
        if not 1 <= days <= 3650:
            raise NotAllowed(_("A mute lasts from 1 to 3650 days."))
        until = timezone.now() + timedelta(days=days)
    with transaction.atomic():
        reader = Reader.objects.select_for_update().get(pk=reader.pk)
        record = Sanction.objects.create(
            reader=reader,
            kind=kind,
            reason=reason,
            until=until,
            by=user,
            by_name=display_name(user),
        )
        if (standing := STANDING_AFTER[kind]) is not None:
            reader.standing = standing
            reader.muted_until = until
            reader.save(update_fields=["standing", "muted_until"])
        if kind == SanctionKind.BAN:
            BlockedPhone.objects.get_or_create(
                phone_hash=reader.phone_hash, defaults={"reader": reader}
            )
        if kind == SanctionKind.LIFT_BAN:
            BlockedPhone.objects.filter(phone_hash=reader.phone_hash).delete()
        log.record(
            log.Action.SANCTION,
            step=kind,
            ip=ip,
            reader=reader,
            user=user,
            content=reason,
            detail={"until": until.isoformat() if until else None},
        )
    return record


def is_blocked(phone_key: str) -> bool:
    return BlockedPhone.objects.filter(phone_hash=phone_key).exists()


def interaction_refusal(reader: Reader) -> str | None:
    """Why this reader may not like or report now, or None."""
    state = current(reader)
    if state == Standing.BANNED:
        return _("Your account is banned: you cannot take part in comments.")
    if state == Standing.MUTED:
        return _(
            "Your account is muted until %(until)s: you cannot comment, like "
            "or report until then."
        ) % {"until": _local(reader.muted_until)}
    return None


def comment_refusal(reader: Reader, last_comment_at=None) -> str | None:
    """Why this reader may not comment now, or None. A restricted reader
    waits READER_RESTRICTED_COMMENT_INTERVAL seconds after each comment."""
    if refusal := interaction_refusal(reader):
        return refusal
    if current(reader) == Standing.RESTRICTED and last_comment_at is not None:
        wait = settings.READER_RESTRICTED_COMMENT_INTERVAL
        ready = last_comment_at + timedelta(seconds=wait)
        if ready > timezone.now():
            minutes = int((ready - timezone.now()).total_seconds() // 60) + 1
            return _(
                "Your account is restricted: you may comment once every "
                "%(interval)d minutes. Please try again in %(minutes)d minutes."
            ) % {"interval": max(1, wait // 60), "minutes": minutes}
    return None


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def grant_sanction_permissions(apps=None) -> None:
    """Give the existing role groups SANCTION_ROLES; safe to run again."""
    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in SANCTION_ROLES.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
