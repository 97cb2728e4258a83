"""Bulk actions on the feedback queue: accept, mark as spam, publish, hide.
Hiding needs a reason (asked for on the confirmation page), like the step
on one item: it changes what readers see.

Each runs the same lifecycle step as the item view, per item; items whose
state does not allow the step are skipped and counted, never forced.

Every feedback bulk action, and the `delete` Wagtail offers for every
snippet, looks the selected ids up among the items the user may see (the
permission policy's `instances_user_has_any_permission_for`): an item
someone may not see is neither listed nor counted on the confirmation page,
and a selection with none they may see is not found (404). Items they may
see but not act on are listed as such."""

import re

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import classproperty
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from feedback import lifecycle
from feedback.models import Feedback

# An id as the listing sends it; anything else (letters, ², 5,000 digits,
# "all") selects nothing rather than reaching the database.
ITEM_ID = re.compile(r"[0-9]{1,18}")
NO_ACCESS_MESSAGE = _(
    "You can see the following feedback but may not take this action on it:"
)


class FeedbackBulkAction(SnippetBulkAction):
    template_name = "feedback/admin/confirm_bulk_action.html"
    step = None
    done_label = ""
    # Whether the confirmation page asks for the step's reason.
    needs_reason = False
    # The permission-policy action each item needs.
    permission = "change"
    no_access_message = NO_ACCESS_MESSAGE

    @classproperty
    def models(cls):
        return [Feedback]

    @classmethod
    def offered_to(cls, user) -> bool:
        """Whether the queue shows this action's button to the user."""
        return policy_registry.get_by_type(Feedback).user_has_permission(
            user, cls.permission
        )

    def visible_items(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        )

    def get_actionable_objects(self):
        # Only ids picked one by one: Wagtail's "id=all" (every item in the
        # listing) would ignore the queue's filters and search.
        ids = [pk for pk in self.request.GET.getlist("id") if ITEM_ID.fullmatch(pk)]
        items = list(self.visible_items().filter(pk__in=ids).select_related("column"))
        if not items:
            raise Http404(gettext("The selected feedback was not found."))
        objects, no_access = [], []
        for item in items:
            (objects if self.check_perm(item) else no_access).append(item)
        return objects, {"items_with_no_access": no_access}

    def check_perm(self, item):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission, item
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self}

    def form_valid(self, form):
        if not self.get_actionable_objects()[0]:
            messages.error(
                self.request,
                gettext(
                    "You may not take this action on any of the selected feedback."
                ),
            )
            return redirect(self.next_url)
        return super().form_valid(form)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done = 0
        skipped = []
        for item in objects:
            try:
                if cls.needs_reason:
                    cls.step(item, user, kwargs["reason"])
                else:
                    cls.step(item, user)
                done += 1
            except lifecycle.TransitionNotAllowed:
                skipped.append(item)
        kwargs["self"].skipped = skipped
        return done, 0

    def get_execution_context(self):
        context = {**super().get_execution_context(), "user": self.request.user}
        if self.needs_reason:
            context["reason"] = self.cleaned_form.cleaned_data["reason"]
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "%(count)d feedback item %(done)s.",
            "%(count)d feedback items %(done)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "done": self.done_label}
        if self.skipped:
            message += ngettext(
                "%(count)d skipped: its state does not allow this action.",
                "%(count)d skipped: their state does not allow this action.",
                len(self.skipped),
            ) % {"count": len(self.skipped)}
        return message


class BulkReasonForm(forms.Form):
    """The reason of a bulk step that needs one, kept in each item's history."""

    reason = forms.CharField(
        label=_("Reason (kept in each item’s history, shown to the reader)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Please give a reason: it is kept in the history.")
        },
    )


def feedback_bulk_action(
    key,
    step,
    display_name,
    aria_label,
    priority,
    done_label=None,
    classes=(),
    needs_reason=False,
):
    """A bulk action `feedback_<key>` that runs the lifecycle `step`;
    `done_label` (the display name unless given) ends the success message;
    `needs_reason`: the confirmation page asks for the step's reason."""
    return type(
        f"{key.capitalize()}BulkAction",
        (FeedbackBulkAction,),
        {
            "needs_reason": needs_reason,
            "form_class": BulkReasonForm if needs_reason else forms.Form,
            "__module__": __name__,
            "display_name": display_name,
            "action_type": f"feedback_{key}",
            "aria_label": aria_label,
            "action_priority": priority,
            "done_label": done_label or display_name,
            "classes": set(classes),
            "step": staticmethod(step),
        },
    )


def delete_item(item, user):
    item.delete()


class DeleteBulkAction(FeedbackBulkAction):
    """Takes the place of Wagtail's `delete` (offered for every snippet) for
    feedback, so the same lookup applies. The permission policy lets nobody
    delete feedback, so the action is not offered and its page only says so."""

    display_name = pgettext_lazy("feedback bulk action", "Delete")
    action_type = "delete"
    aria_label = _("Delete the selected feedback")
    action_priority = 100
    classes = {"serious"}
    permission = "delete"
    done_label = pgettext_lazy("feedback bulk action done", "deleted")
    step = staticmethod(delete_item)

    @property
    def no_access_message(self):
        return gettext(
            "Reader feedback cannot be deleted in the admin: set what should not "
            "be public to not public; spam is purged %(days)s days after it is "
            "marked."
        ) % {"days": settings.FEEDBACK_PURGE_SPAM_DAYS}


BULK_ACTIONS = [
    feedback_bulk_action(
        "accept",
        lifecycle.accept,
        pgettext_lazy("feedback action", "Accept"),
        _("Accept the selected feedback"),
        10,
        done_label=pgettext_lazy("feedback bulk action done", "accepted"),
    ),
    feedback_bulk_action(
        "spam",
        lifecycle.mark_spam,
        pgettext_lazy("feedback action", "Mark as spam"),
        _("Mark the selected feedback as spam"),
        20,
        done_label=pgettext_lazy("feedback bulk action done", "marked as spam"),
        classes={"serious"},
    ),
    feedback_bulk_action(
        "publish",
        lifecycle.publish,
        pgettext_lazy("feedback bulk action", "Publish"),
        _("Show the selected feedback under the article"),
        30,
        done_label=pgettext_lazy("feedback bulk action done", "made public"),
    ),
    feedback_bulk_action(
        "hide",
        lifecycle.hide,
        pgettext_lazy("feedback bulk action", "Hide"),
        _("Do not show the selected feedback in public"),
        40,
        done_label=pgettext_lazy("feedback bulk action done", "set to not public"),
        needs_reason=True,
    ),
    DeleteBulkAction,
]
