"""Reprints (转载): an article that first appeared elsewhere names where.

A reprint's source (来源) is the outlet it first appeared in (原发媒体),
which may not be this site (站点设置's default source); its original title,
author, link and time are then required (articles/forms.py). The
pre-approval check (editorial) refuses sources not on the approved list and,
when the title was changed, asks the approver to confirm it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# Who may confirm a changed title: reviewers (editors and up), as for 责任编辑.
CONFIRM_TITLE_PERMISSION = "editorial.set_responsible_editor"


class ReprintFields(models.Model):
    is_reprint = models.BooleanField(
        _("reprint"),
        default=False,
        help_text=_(
            "Tick when this article first appeared in another outlet; its source "
            "is then that outlet, which must be approved for reprints"
        ),
    )
    original_title = models.CharField(_("original title"), max_length=255, blank=True)
    original_author = models.CharField(_("original author"), max_length=120, blank=True)
    original_url = models.URLField(_("original link"), max_length=500, blank=True)
    original_published_at = models.DateTimeField(
        _("originally published at"), null=True, blank=True
    )
    reprint_title_confirmed = models.BooleanField(
        _("checked: the title differs from the original"),
        default=False,
        help_text=_(
            "When a reprint's title was changed, the reviewer ticks this after "
            "checking; changing the title or the original title asks for it again"
        ),
    )

    reprint_panel = MultiFieldPanel(
        [
            FieldPanel("is_reprint"),
            FieldPanel("original_title"),
            FieldPanel("original_author"),
            FieldPanel("original_url"),
            FieldPanel("original_published_at"),
            FieldPanel("reprint_title_confirmed", permission=CONFIRM_TITLE_PERMISSION),
        ],
        heading=_("Reprint"),
    )

    class Meta:
        abstract = True

    @property
    def title_differs_from_original(self) -> bool:
        """A reprint shown under a title of our own: the page then shows the
        original one, and an approver must have confirmed the change."""
        return self.is_reprint and titles_differ(self.title, self.original_title)


def titles_differ(title: str, original: str) -> bool:
    """Whether a title is not the original one (surrounding spaces aside);
    False while there is no original title to compare with."""
    original = (original or "").strip()
    return bool(original) and (title or "").strip() != original
