import re

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.language import public_languages

from .feedback import Feedback


class FeedbackEvent(models.Model):
    """One step in an item's history: a transition, an assignment, a note.

    Who, when and why, kept for staff; the submitter sees the public steps."""

    # Who took a step no staff member took: actor_name keeps one of these
    # keys (data, as it keeps a staff member's name at the time), and
    # actor_label shows it in the viewer's language.
    SYSTEM = "system"
    READER = "reader"
    OTHER_READERS = "other readers"
    ANONYMOUS_ACTORS = {
        SYSTEM: pgettext_lazy("feedback actor", "System"),
        READER: pgettext_lazy("feedback actor", "Reader"),
        OTHER_READERS: pgettext_lazy("feedback actor", "Other readers"),
    }

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20)
    from_state = models.CharField(
        _("from state"), max_length=12, choices=Feedback.State.choices, blank=True
    )
    to_state = models.CharField(
        _("to state"), max_length=12, choices=Feedback.State.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name at the time, so history stays readable after a user is removed.
    actor_name = models.CharField(_("by (name)"), max_length=60, blank=True)
    by_submitter = models.BooleanField(_("by the reader"), default=False)
    reason = models.TextField(_("explanation"), blank=True)
    is_internal = models.BooleanField(_("staff only"), default=False)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("history step")
        verbose_name_plural = _("history steps")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.feedback_id} {self.action}"

    @property
    def by_anonymous_actor(self) -> bool:
        """The system, the reader or other readers, not a staff member."""
        return self.actor_id is None and self.actor_name in self.ANONYMOUS_ACTORS

    @property
    def actor_label(self) -> str:
        """Who took the step, as the viewer reads it."""
        if self.by_anonymous_actor:
            return str(self.ANONYMOUS_ACTORS[self.actor_name])
        return self.actor_name

    @property
    def reason_label(self) -> str:
        """The explanation, as the viewer reads it. An assignment's note is
        stored in the public language ("承办人：苏一禾", lifecycle._hand_to,
        for the reader's history); staff read it in their own."""
        if self.action != "assign":
            return self.reason
        parts = assignment_note_parts(self.reason)
        if parts is None:
            return self.reason
        return assignment_note(*parts)


def assignment_note(name: str, reason: str = "") -> str:
    """ "Assignee: <name>[. <reason>]" in the active language."""
    note = gettext("Assignee: %(name)s") % {"name": name}
    if reason:
        note = gettext("%(note)s. %(reason)s") % {"note": note, "reason": reason}
    return note


PLACEHOLDER = re.compile(r"(%\(\w+\)s)")


def _pattern(template: str) -> str:
    """A regular expression matching what `template % {...}` gives."""
    return "".join(
        f"(?P<{part[2:-2]}>.+?)" if PLACEHOLDER.fullmatch(part) else re.escape(part)
        for part in PLACEHOLDER.split(template)
        if part
    )


def assignment_note_parts(note: str):
    """(name, reason) of an assignment note stored in the public language,
    or None for any other text."""
    with translation.override(public_languages()[0]):
        with_reason = gettext("%(note)s. %(reason)s") % {
            "note": gettext("Assignee: %(name)s"),
            "reason": "%(reason)s",
        }
        alone = gettext("Assignee: %(name)s")
    if match := re.fullmatch(_pattern(with_reason), note, re.S):
        return match["name"], match["reason"]
    if match := re.fullmatch(_pattern(alone), note, re.S):
        return match["name"], ""
    return None


class FeedbackReply(models.Model):
    """An official reply, signed with the replier's name and role."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("reply text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature_name = models.CharField(_("signature"), max_length=60)
    signature_role = models.CharField(_("role"), max_length=60)
    created_at = models.DateTimeField(_("replied at"), default=timezone.now)

    class Meta:
        verbose_name = _("official reply")
        verbose_name_plural = _("official replies")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.signature_name}({self.signature_role})"
