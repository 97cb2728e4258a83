"""The admin's side of retraction, take-down and restore: a button on the
article's header and in the page listing's "more" menu, an item in the
editor's action menu, and a confirm view whose form asks why. The work is
done by articles/withdrawal.py; the wiring is in articles/wagtail_hooks.py."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from articles import withdrawal
from articles.models import ArticlePage

URL_NAME = "articles_withdrawal"
ICONS = {"retract": "cross", "take_down": "warning", "restore": "undo"}
REASON_REQUIRED = _("Please give a reason: it goes into the action log.")
DONE = {
    "retract": _(
        "“{title}” is retracted: its address shows the retraction notice, and it "
        "is gone from the lists, search and feeds."
    ),
    "take_down": _("“{title}” is taken down: its address answers “page not found”."),
    "restore": _("“{title}” is restored."),
}
NOT_APPLICABLE = {
    "retract": _(
        "“{title}” cannot be retracted now (someone may have done it already)."
    ),
    "take_down": _(
        "“{title}” cannot be taken down now (someone may have done it already)."
    ),
    "restore": _(
        "“{title}” cannot be restored now (someone may have done it already)."
    ),
}


def action_url(page, action, next_url=None) -> str:
    url = reverse(URL_NAME, args=(page.pk, action.name))
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def offered(page, user) -> list:
    """The actions to offer on a page to this person, in their order."""
    page = page.specific_deferred
    if not isinstance(page, ArticlePage):
        return []
    return [
        action
        for action in withdrawal.ACTIONS.values()
        if withdrawal.applies(action, page) and withdrawal.may(user, action, page)
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea({"rows": 4}),
        max_length=1000,
        error_messages={"required": REASON_REQUIRED},
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = action.reason_label
        self.fields["reason"].help_text = action.reason_help


class WithdrawalView(WagtailAdminTemplateMixin, FormView):
    form_class = ReasonForm
    template_name = "articles/confirm_withdrawal.html"
    header_icon = "doc-empty-inverse"

    def setup(self, request, page_id, action, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(ArticlePage, pk=page_id)
        self.action = withdrawal.ACTIONS.get(action)
        if self.action is None:
            raise Http404

    def dispatch(self, request, *args, **kwargs):
        if not withdrawal.may(request.user, self.action, self.page):
            raise withdrawal.WithdrawalRefused
        if not withdrawal.applies(self.action, self.page):
            return self.not_applicable()
        return super().dispatch(request, *args, **kwargs)

    def not_applicable(self):
        messages.warning(
            self.request,
            NOT_APPLICABLE[self.action.name].format(title=self.page.title),
        )
        return redirect(self.get_success_url())

    def get_page_title(self):
        return self.action.label

    def get_breadcrumbs_items(self):
        return []  # the header with the action and the article's title

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            action=self.action,
            next_url=get_valid_next_url_from_request(self.request),
            cancel_url=self.get_success_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            withdrawal.perform(
                self.action, self.page, self.request.user, form.cleaned_data["reason"]
            )
        except withdrawal.WithdrawalRefused:
            if not withdrawal.may(self.request.user, self.action, self.page):
                raise
            return self.not_applicable()
        messages.success(self.request, DONE[self.action.name].format(title=self.page))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            "wagtailadmin_pages:edit", args=(self.page.pk,)
        )


class WithdrawalButton(PageMenuItem):
    """撤稿 / 下线 / 恢复 on the page header and in the listing's menu."""

    def __init__(self, *, page, action, next_url=None, priority=None):
        super().__init__(
            label=action.label,
            url=action_url(page, action, next_url),
            icon_name=ICONS[action.name],
            priority=priority,
            page=page,
        )

    def is_shown(self, user):
        return True  # only offered actions are made into buttons


def page_buttons(page, user, next_url=None, priority=70):
    return [
        WithdrawalButton(page=page, action=action, next_url=next_url, priority=priority)
        for action in offered(page, user)
    ]


class WithdrawalMenuItem(ActionMenuItem):
    """The same actions in the editor's action menu (a link, like Wagtail's
    own 取消发布)."""

    order = 45

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.name = f"action-{action.name.replace('_', '-')}"
        self.label = action.label
        self.icon_name = ICONS[action.name]

    def is_shown(self, context):
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        return self.action in offered(context["page"], context["request"].user)

    def get_url(self, context):
        return action_url(context["page"], self.action)


def menu_items() -> list[WithdrawalMenuItem]:
    return [WithdrawalMenuItem(action) for action in withdrawal.ACTIONS.values()]
