"""The review rules on the article edit form: the pre-approval check and the
send-back comment, checked on the form (through articles' CLEAN_HOOK) so a
reviewer sees what is missing next to the fields and loses nothing typed.
The review task enforces both again on its own."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from wagtail.blocks import StreamBlockValidationError

from core.models import Term
from core.models.terms import terms_by_level, texts_found_in
from editorial.checks import (
    BYLINES,
    Draft,
    body_texts,
    find_problems,
    marked_in_context,
    quoted,
    reprint_facts,
    site_has_default_source,
)

# The actions whose POST runs the pre-approval check on the form: approving
# a step, publishing directly, and submitting (or resubmitting) for review.
CHECKED_ACTIONS = ("approve", "publish", "submit")
# What only an approver can settle does not stop a submission: confirming
# that a reprint's title may differ from the original's.
APPROVERS_DUTIES = ("reprint_title_confirmed",)
BLOCK_HAS_BLOCKED_TERMS = gettext_lazy(
    "This block contains the blocked term(s) %(terms)s; please remove them."
)

BLOCK_HAS_BLOCKED_TERMS_AT = gettext_lazy(
    "This block contains the blocked term(s) %(terms)s; please remove them: %(places)s"
)

COMMENT_REQUIRED = gettext_lazy("Say what needs changing: a send-back needs a comment.")


class SendBackForm(forms.Form):
    """The modal form for sending a piece back: the comment is required."""

    comment = forms.CharField(
        label=gettext_lazy("Requested changes"),
        widget=forms.Textarea({"rows": 4}),
        error_messages={"required": COMMENT_REQUIRED},
    )


def check_review_action(form) -> None:
    """Registered with articles' CLEAN_HOOK (editorial/wagtail_hooks.py)."""
    action = requested_action(form.data)
    if action == "reject" and not workflow_comment(form.data):
        form.add_error(None, COMMENT_REQUIRED)
    if action in CHECKED_ACTIONS and not (action == "publish" and is_superuser(form)):
        for problem in find_problems(draft(form)):
            if action == "submit" and problem.field in APPROVERS_DUTIES:
                continue
            show_problem(form, problem)


def show_problem(form, problem) -> None:
    """Put a problem next to what it is about: the 署名 panel, the field,
    or the body's blocks that hold a blocked term."""
    if problem.field == BYLINES and "bylines" in form.formsets:
        errors = form.formsets["bylines"].non_form_errors()
        if problem.message not in errors:
            errors.append(problem.message)  # the formset, hence the form, is invalid
        return
    if problem.field == "body" and "body" in form.fields:
        form.add_error("body", body_error(form.cleaned_data.get("body"), problem))
        return
    field = problem.field if problem.field in form.fields else None
    if problem.message not in form.errors.get(field or "__all__", []):
        form.add_error(field, problem.message)


def body_error(body, problem) -> StreamBlockValidationError:
    """The body's problem over the stream, and on each block holding a
    blocked term, naming the terms found in that block."""
    blocked = terms_by_level()[Term.Level.BLOCKED]
    block_errors = {}
    for index, child in enumerate(body or []):
        texts = [str(text) for text in child.block.get_searchable_content(child.value)]
        found = texts_found_in(blocked, *texts)
        if found:
            places = marked_in_context(found, texts)
            message = BLOCK_HAS_BLOCKED_TERMS_AT if places else BLOCK_HAS_BLOCKED_TERMS
            block_errors[index] = ValidationError(
                gettext(message) % {"terms": quoted(found), "places": places}
            )
    return StreamBlockValidationError(
        block_errors=block_errors, non_block_errors=[problem.message]
    )


def is_superuser(form) -> bool:
    """Superusers, Wagtail's escape hatch, may publish directly unchecked;
    newsroom staff (the chief editor) may not. Approvals are always checked."""
    return bool(form.for_user and form.for_user.is_superuser)


def requested_action(data) -> str | None:
    """The button the editor's POST names: publish, submit (or resubmit)
    for review, or a workflow action."""
    if data.get("action-publish"):
        return "publish"
    if data.get("action-submit") or data.get("action-restart-workflow"):
        return "submit"
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
