"""Retraction (撤稿) and take-down (下线): what an article shows once the
newsroom has withdrawn it.

The page stays live, with its revisions, feedback and figures, so Wagtail's
tree, history and workflows keep working for staff; readers get a tombstone
(retracted: HTTP 410 with the title, date and the public reason) or the
ordinary not-found page (taken down). Only the admin actions in
articles/withdrawal.py change the state: publishing a revision, reverting to
one or copying the page never does."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

RETRACTED_TEMPLATE = "pages/article_retracted.html"


class Withdrawal(models.TextChoices):
    NONE = "", _("not withdrawn")
    RETRACTED = "retracted", _("retracted")
    TAKEN_DOWN = "taken_down", _("taken down")


class WithdrawableArticle(models.Model):
    withdrawal = models.CharField(
        _("retraction / take-down"),
        max_length=12,
        choices=Withdrawal.choices,
        default=Withdrawal.NONE,
        blank=True,
        editable=False,
    )
    withdrawal_reason = models.TextField(
        _("reason for the retraction / take-down"),
        blank=True,
        editable=False,
        help_text=_(
            "A retraction's reason is shown at the article's address; a "
            "take-down's stays in the admin"
        ),
    )
    withdrawn_at = models.DateTimeField(
        _("retracted / taken down at"), null=True, editable=False
    )

    WITHDRAWAL_FIELDS = ("withdrawal", "withdrawal_reason", "withdrawn_at")
    # A copy is a new piece that goes through review: it starts unwithdrawn.
    exclude_fields_in_copy = list(WITHDRAWAL_FIELDS)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawal != Withdrawal.NONE

    @property
    def is_retracted(self) -> bool:
        return self.withdrawal == Withdrawal.RETRACTED

    @property
    def is_taken_down(self) -> bool:
        return self.withdrawal == Withdrawal.TAKEN_DOWN

    def with_content_json(self, content):
        """A revision brought back to life (publishing it, scheduled or not,
        reverting to it, previewing it) keeps the article's current
        withdrawal: revisions carry whatever the state was when they were
        saved, and must not undo a retraction."""
        page = super().with_content_json(content)
        for name in self.WITHDRAWAL_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def serve(self, request, *args, **kwargs):
        # Staff previewing a withdrawn article still see what it said.
        if not self.is_withdrawn or getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        if self.is_taken_down:
            raise Http404
        return TemplateResponse(
            request,
            RETRACTED_TEMPLATE,
            self.get_retracted_context(request),
            status=410,
        )

    def get_retracted_context(self, request) -> dict:
        """The tombstone's context: the title, date, column and bylines as
        names, the reason; none of the article's body or links."""
        context = Page.get_context(self, request)
        column = self.column
        context["column"] = column
        context["breadcrumbs"] = [column]
        context["bylines"] = list(self.bylines.select_related("author", "role"))
        return context

    def get_sitemap_urls(self, request=None):
        return [] if self.is_withdrawn else super().get_sitemap_urls(request)

    @property
    def status_string(self):
        """The admin's status tag says a live article is withdrawn."""
        if self.is_withdrawn:
            return self.get_withdrawal_display()
        return super().status_string
