"""The handler's item view in the admin: the message, the history, and a
form for every step the lifecycle allows now."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from feedback import comment_actions, emails, lifecycle
from feedback.admin_forms import (
    AssignForm,
    CorrectionForm,
    NoteForm,
    ReasonForm,
    ReplyForm,
)
from feedback.permissions import can_see_contact
from feedback.tracking import format_code

BUTTON_STYLES = {
    "accept": "",
    "publish": "",
    "reject": "button-secondary serious",
    "hide": "button-secondary",
    "close": "button-secondary",
    "restore": "button-secondary",
    "spam": "button-secondary serious",
}
SIMPLE_ACTIONS = {
    "accept": (lifecycle.accept, _("Accepted.")),
    "reject": (lifecycle.reject, _("Marked as rejected.")),
    "spam": (lifecycle.mark_spam, _("Marked as spam.")),
    "restore": (lifecycle.restore, _("Spam mark removed: back to pending.")),
    "close": (lifecycle.close, _("Closed.")),
    "publish": (lifecycle.publish, _("Shown under the article.")),
    "hide": (lifecycle.hide, _("No longer shown in public.")),
}
# Steps whose reason the form asks for (the lifecycle refuses them without).
NEEDS_REASON = {"reject", "restore", "hide"}


class FeedbackHandleView(
    BaseObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    model = None
    template_name = "feedback/admin/handle.html"
    index_url_name = None
    edit_url_name = None
    header_icon = "mail"
    _show_breadcrumbs = True

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "view", self.object
        ):
            raise PermissionDenied

    def get_base_object_queryset(self):
        return self.model.objects.select_related(
            "article", "column", "assignee", "correction", "reader", "appeal_of"
        )

    @cached_property
    def can_handle(self) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        )

    def get_page_title(self):
        return (
            f"{self.object.get_kind_display()} {format_code(self.object.tracking_code)}"
        )

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Reader feedback")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def forms(self, bound=None):
        item, user = self.object, self.request.user
        forms = {
            "reason": ReasonForm(),
            "assign": AssignForm(item=item),
            "reply": ReplyForm(user=user),
            "note": NoteForm(),
            "correction": CorrectionForm(item=item),
        }
        if bound:
            forms.update(bound)
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        allowed = lifecycle.allowed_actions(item) if self.can_handle else set()
        context.update(
            {
                "item": item,
                "events": item.events.select_related("actor"),
                "replies": item.replies.all(),
                "allowed": allowed,
                "can_handle": self.can_handle,
                "show_contact": can_see_contact(self.request.user),
                "buttons": [
                    (name, lifecycle.ACTION_LABELS[name], style)
                    for name, style in BUTTON_STYLES.items()
                    if name in allowed
                ],
                "forms": kwargs.get("forms") or self.forms(),
                "tracking_url": emails.tracking_url(item),
                **comment_actions.admin_context(item, self.can_handle),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_handle:
            raise PermissionDenied
        action = request.POST.get("action", "")
        item, user = self.object, request.user
        try:
            if action in comment_actions.LABELS:
                form = ReasonForm(request.POST)
                form.is_valid()
                reason = form.cleaned_data.get("reason", "")
                comment_actions.take(item, action, user, reason)
                messages.success(request, str(comment_actions.DONE[action]))
            elif action in SIMPLE_ACTIONS:
                step, done = SIMPLE_ACTIONS[action]
                form = ReasonForm(request.POST, required=action in NEEDS_REASON)
                if not form.is_valid():
                    return self.invalid({"reason": form})
                step(item, user, form.cleaned_data["reason"])
                messages.success(request, done)
            elif action == "assign":
                form = AssignForm(request.POST, item=item)
                if not form.is_valid():
                    return self.invalid({"assign": form})
                lifecycle.assign(
                    item,
                    user,
                    form.cleaned_data["assignee"],
                    form.cleaned_data["reason"],
                )
                messages.success(request, gettext("Assignee set."))
            elif action == "reply":
                form = ReplyForm(request.POST, user=user)
                if not form.is_valid():
                    return self.invalid({"reply": form})
                answer = lifecycle.reply(item, user, **form.cleaned_data)
                emails.notify_reply(item, answer)
                messages.success(request, gettext("Reply published."))
            elif action == "note":
                form = NoteForm(request.POST)
                if not form.is_valid():
                    return self.invalid({"note": form})
                lifecycle.add_note(item, user, form.cleaned_data["text"])
                messages.success(request, gettext("Note saved."))
            elif action == "correction":
                form = CorrectionForm(request.POST, item=item)
                if not form.is_valid():
                    return self.invalid({"correction": form})
                lifecycle.record_correction(
                    item, user, form.cleaned_data["revision"], form.cleaned_data["note"]
                )
                messages.success(
                    request,
                    gettext(
                        "Correction drafted: it is shown under the article once an "
                        "approver of the column approves it."
                    ),
                )
            else:
                messages.error(request, gettext("Unknown action."))
        except lifecycle.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        return redirect(self.get_url())

    def invalid(self, bound_forms):
        messages.error(
            self.request, gettext("Correct the errors below and submit again.")
        )
        context = self.get_context_data(forms=self.forms(bound_forms))
        return self.render_to_response(context, status=400)
