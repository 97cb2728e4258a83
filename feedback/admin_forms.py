"""Forms of the handler's item view in the admin."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.language import public_languages
from core.people import display_name
from core.validators import validate_no_blocked_terms
from feedback.permissions import HANDLER_GROUP


def default_role(user) -> str:
    """How a reply is signed: the author profile's title, else the newsroom
    role (highest first), else 编辑部. Readers see it with the reply: the
    role names are data, the newsroom is in the public language."""
    profile = getattr(user, "author_profile", None)
    if profile is not None and profile.title:
        return profile.title
    groups = set(user.groups.values_list("name", flat=True))
    for role in ("总编辑", "副总编辑", "编辑", HANDLER_GROUP):
        if role in groups:
            return role
    with translation.override(public_languages()[0]):
        return gettext("The newsroom")


def possible_assignees(item):
    """Feedback handlers, the editors of the item's column, and whoever has
    the item now."""
    users = get_user_model().objects.filter(is_active=True)
    editors = Q(pk__in=[])
    if item.column is not None:
        editors = Q(
            pk__in=PagePermissionPolicy()
            .users_with_any_permission_for_instance(
                {"change"}, item.column, include_superusers=False
            )
            .values("pk")
        )
    return (
        users.filter(Q(groups__name=HANDLER_GROUP) | editors)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class ReasonForm(forms.Form):
    """The reason of a step. Steps that change what readers see, or refuse
    the reader, need one (`required`): kept in the history."""

    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        field.error_messages["required"] = _(
            "Please give a reason: it is kept in the history."
        )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=get_user_model().objects.none()
    )
    reason = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = possible_assignees(item)
        field.label_from_instance = display_name
        field.initial = item.assignee_id


class ReplyForm(forms.Form):
    """A public reply: shown under the article and mailed to the reader, so
    the text and the signature are screened for blocked terms like a
    reader's message (lifecycle.reply refuses them too)."""

    body = forms.CharField(
        label=_("Reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The reply is shown under the article (if the reader consented) and "
            "sent to readers who left an e-mail address."
        ),
        validators=[validate_no_blocked_terms],
    )
    signature_name = forms.CharField(
        label=_("Signature"), max_length=60, validators=[validate_no_blocked_terms]
    )
    signature_role = forms.CharField(
        label=_("Role"), max_length=60, validators=[validate_no_blocked_terms]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signature_name"].initial = display_name(user)
        self.fields["signature_role"].initial = default_role(user)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only staff can see it."),
    )


class CorrectionForm(forms.Form):
    revision = forms.ModelChoiceField(
        label=_("Corrected revision of the article"),
        queryset=Revision.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=_("Correction note (shown under the article once approved)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        if item.correction_id and not self.is_bound:
            self.initial = {
                "revision": item.correction.revision_id,
                "note": item.correction.text,
            }
        revisions = Revision.objects.none()
        if item.article is not None:
            latest = item.article.revisions.order_by("-created_at").values("pk")
            revisions = Revision.objects.filter(pk__in=latest[:20]).order_by(
                "-created_at"
            )
        field = self.fields["revision"]
        field.queryset = revisions
        field.label_from_instance = lambda revision: (
            f"{timezone.localtime(revision.created_at):%Y-%m-%d %H:%M} "
            f"{display_name(revision.user)}"
        )
