"""The review rules on the article edit form: the pre-approval check and the
send-back comment, checked on the form (through articles' CLEAN_HOOK) so a
reviewer sees what is missing next to the fields and loses nothing typed.
The review task enforces both again on its own."""

import json

from django import forms

from editorial.checks import (
    Draft,
    body_texts,
    find_problems,
    reprint_facts,
    site_has_default_source,
)

COMMENT_REQUIRED = "退回修改必须写明修改意见。"


class SendBackForm(forms.Form):
    """The modal form for sending a piece back: the comment is required."""

    comment = forms.CharField(
        label="修改意见",
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
    )


def check_review_action(form) -> None:
    """Registered with articles' CLEAN_HOOK (editorial/wagtail_hooks.py)."""
    action = requested_action(form.data)
    if action == "reject" and not workflow_comment(form.data):
        form.add_error(None, COMMENT_REQUIRED)
    if action == "approve" or (action == "publish" and not is_superuser(form)):
        for problem in find_problems(draft(form)):
            field = problem.field if problem.field in form.fields else None
            if problem.message not in form.errors.get(field or "__all__", []):
                form.add_error(field, problem.message)


def is_superuser(form) -> bool:
    """Superusers, Wagtail's escape hatch, may publish directly unchecked;
    newsroom staff (the chief editor) may not. Approvals are always checked."""
    return bool(form.for_user and form.for_user.is_superuser)


def requested_action(data) -> str | None:
    """The button the editor's POST names: publish, or a workflow action."""
    if data.get("action-publish"):
        return "publish"
    if data.get("action-workflow-action"):
        return data.get("workflow-action-name")
    return None


def workflow_comment(data) -> str:
    try:
        extra = json.loads(data.get("workflow-action-extra-data") or "{}")
    except ValueError:
        return ""
    comment = extra.get("comment", "") if isinstance(extra, dict) else ""
    return comment.strip() if isinstance(comment, str) else ""


def draft(form) -> Draft:
    data = form.cleaned_data
    column = form.parent_page.specific
    return Draft(
        title=data.get("title", ""),
        standfirst=data.get("standfirst", ""),
        body_texts=body_texts(data.get("body")),
        byline_count=byline_count(form),
        has_source=bool(data.get("source")) or site_has_default_source(column),
        disclaimer=data.get("disclaimer") or column.default_disclaimer,
        column_title=column.title,
        # The confirmation is on the page when the form does not show it.
        **reprint_facts(
            data.get("source"),
            {"reprint_title_confirmed": form.instance.reprint_title_confirmed, **data},
        ),
    )


def byline_count(form) -> int:
    formset = form.formsets.get("bylines")
    if formset is None:
        return 0
    formset.is_valid()  # cleans the forms; their own errors show anyway
    cleaned = (getattr(item, "cleaned_data", {}) for item in formset.forms)
    return sum(1 for data in cleaned if data.get("author") and not data.get("DELETE"))
