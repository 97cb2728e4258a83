"""The article edit form: the pre-approval check and the send-back comment,
enforced on the form so a reviewer sees what is missing next to the fields
and loses nothing typed. The review task enforces both again on its own."""

import json

from django import forms

from articles.forms import ArticlePageForm as ArticleContentForm
from editorial.checks import Draft, body_texts, find_problems, site_has_default_source

COMMENT_REQUIRED = "退回修改必须写明修改意见。"


class SendBackForm(forms.Form):
    """The modal form for sending a piece back: the comment is required."""

    comment = forms.CharField(
        label="修改意见",
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
    )


class ArticlePageForm(ArticleContentForm):
    def clean(self):
        cleaned_data = super().clean()
        action = self.requested_action()
        if action == "reject" and not self.workflow_comment():
            self.add_error(None, COMMENT_REQUIRED)
        if action == "approve" or (action == "publish" and not self.is_superuser()):
            for problem in find_problems(self.draft()):
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, problem.message)
        return cleaned_data

    def is_superuser(self) -> bool:
        """Superusers, Wagtail's escape hatch, may publish directly unchecked;
        newsroom staff (the chief editor) may not. Approvals are always checked."""
        return bool(self.for_user and self.for_user.is_superuser)

    def requested_action(self) -> str | None:
        """The button the editor's POST names: publish, or a workflow action."""
        if self.data.get("action-publish"):
            return "publish"
        if self.data.get("action-workflow-action"):
            return self.data.get("workflow-action-name")
        return None

    def workflow_comment(self) -> str:
        try:
            extra = json.loads(self.data.get("workflow-action-extra-data") or "{}")
        except ValueError:
            return ""
        comment = extra.get("comment", "") if isinstance(extra, dict) else ""
        return comment.strip() if isinstance(comment, str) else ""

    def draft(self) -> Draft:
        data = self.cleaned_data
        column = self.parent_page.specific
        return Draft(
            title=data.get("title", ""),
            standfirst=data.get("standfirst", ""),
            body_texts=body_texts(data.get("body")),
            byline_count=self.byline_count(),
            has_source=bool(data.get("source")) or site_has_default_source(column),
            disclaimer=data.get("disclaimer") or column.default_disclaimer,
            column_title=column.title,
        )

    def byline_count(self) -> int:
        formset = self.formsets.get("bylines")
        if formset is None:
            return 0
        formset.is_valid()  # cleans the forms; their own errors show anyway
        cleaned = (getattr(form, "cleaned_data", {}) for form in formset.forms)
        return sum(
            1 for data in cleaned if data.get("author") and not data.get("DELETE")
        )
