"""责任编辑: the editor who approved 初审 answers for the piece.

An approval fills the field unless an editor chose someone by hand. "By hand"
is told apart through the audit log: each automatic assignment is logged as
`editorial.responsible_editor` with the user it set, so a value that differs
from the last logged one (or a value with no log at all, e.g. set when the
article was created) was chosen by a person and is kept."""

from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from core.people import display_name

LOG_ACTION = "editorial.responsible_editor"


def last_automatic_choice(page) -> int | None:
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action=LOG_ACTION)
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.data.get("user_id") if entry else None


def set_by_hand(page) -> bool:
    return bool(page.responsible_editor_id) and (
        page.responsible_editor_id != last_automatic_choice(page)
    )


def record_approver(page, user):
    """Make `user` the responsible editor of `page` (the latest revision as a
    page), as a new revision, unless an editor set one by hand."""
    if page.responsible_editor_id == user.pk or set_by_hand(page):
        return
    page.responsible_editor = user
    revision = page.save_revision(user=user, log_action=False)
    if not page.live:
        # Drafts keep their row in step with the latest revision, as the editor does.
        type(page).objects.filter(pk=page.pk).update(responsible_editor=user)
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        revision=revision,
        data={"user_id": user.pk, "name": display_name(user)},
    )
