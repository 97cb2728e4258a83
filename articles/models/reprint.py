"""Reprints (转载): an article that first appeared elsewhere names where.

A reprint's source (来源) is the outlet it first appeared in (原发媒体),
which may not be this site (站点设置's default source); its original title,
author, link and time are then required (articles/forms.py). The
pre-approval check (editorial) refuses sources not on the approved list and,
when the title was changed, asks the approver to confirm it."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# Who may confirm a changed title: reviewers (editors and up), as for 责任编辑.
CONFIRM_TITLE_PERMISSION = "editorial.set_responsible_editor"


class ReprintFields(models.Model):
    is_reprint = models.BooleanField(
        "转载",
        default=False,
        help_text="本文转载自其他媒体时勾选;来源即原发媒体,须在转载白名单上",
    )
    original_title = models.CharField("原标题", max_length=255, blank=True)
    original_author = models.CharField("原作者", max_length=120, blank=True)
    original_url = models.URLField("原文链接", max_length=500, blank=True)
    original_published_at = models.DateTimeField("原发时间", null=True, blank=True)
    reprint_title_confirmed = models.BooleanField(
        "已核对:标题与原标题不一致",
        default=False,
        help_text="转载稿改了标题时,审核人核对后勾选;改动标题或原标题后须重新确认",
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
        heading="转载",
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
