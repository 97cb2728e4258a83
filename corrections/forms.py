"""The admin form of a correction: on a live article the person may draft
for, pointing (optionally) at one of that article's revisions."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Revision

from core.people import display_name
from corrections import actions

REVISION_CHOICES = 20
# A time a few minutes ahead is a clock difference, not a future correction.
CLOCK_SLACK = timedelta(minutes=5)


def revision_label(revision) -> str:
    when = timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")
    return f"{when} {display_name(revision.user)}".strip()


class CorrectionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self.article_from_data()
        field = self.fields["revision"]
        revisions = Revision.objects.none()
        if article is not None:
            newest = article.revisions.order_by("-created_at").values("pk")
            revisions = (
                Revision.objects.filter(pk__in=newest[:REVISION_CHOICES])
                .select_related("user")
                .order_by("-created_at")
            )
        field.queryset = revisions
        field.label_from_instance = revision_label
        if article is None:
            field.help_text = _(
                "Save the draft first, then choose among the article's latest revisions"
            )

    def article_from_data(self):
        """The article the form is about: the posted one, the one it was
        opened for (?article=), or the draft's own."""
        queryset = self.fields["article"].queryset
        raw = self.data.get(self.add_prefix("article")) or self.initial.get("article")
        if raw:
            return queryset.filter(pk=getattr(raw, "pk", raw)).first()
        if self.instance.article_id:
            return self.instance.article
        return None

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article is not None and not article.live:
            raise forms.ValidationError(
                _("Only a published article can get a correction or an update.")
            )
        if article is not None and not actions.may_draft(self.for_user, article):
            raise forms.ValidationError(_("You do not cover this article's column."))
        return article

    def clean_published_at(self):
        value = self.cleaned_data.get("published_at")
        if value and value > timezone.now() + CLOCK_SLACK:
            raise forms.ValidationError(_("The time cannot be in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        article, revision = cleaned.get("article"), cleaned.get("revision")
        if article and revision and revision.object_id != str(article.pk):
            self.add_error("revision", _("This is not a revision of the article."))
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.created_by = self.for_user
        return super().save(commit)
