"""The admin form of a correction: on a live article the person may draft
for, pointing (optionally) at one of that article's revisions."""

from datetime import timedelta

from django import forms
from django.utils import timezone
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
            field.help_text = "先保存草稿,再从该文章最近的版本里选择"

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
            raise forms.ValidationError("只能为已发布的文章添加更正或追记。")
        if article is not None and not actions.may_draft(self.for_user, article):
            raise forms.ValidationError("您不负责这篇文章所在的栏目。")
        return article

    def clean_published_at(self):
        value = self.cleaned_data.get("published_at")
        if value and value > timezone.now() + CLOCK_SLACK:
            raise forms.ValidationError("时间不能晚于现在。")
        return value

    def clean(self):
        cleaned = super().clean()
        article, revision = cleaned.get("article"), cleaned.get("revision")
        if article and revision and revision.object_id != str(article.pk):
            self.add_error("revision", "这不是该文章的版本。")
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is None:
            self.instance.created_by = self.for_user
        return super().save(commit)
