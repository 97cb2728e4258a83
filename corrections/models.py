from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.search import index

from articles.models import ArticlePage
from core.templatetags.news_tags import cn_datetime


class Kind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class State(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Public")


class CorrectionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=State.APPROVED)

    def public(self):
        """What readers see: approved, on an article they may read (live,
        not withdrawn, not behind a password)."""
        return self.approved().filter(
            article__in=ArticlePage.objects.readable().values("pk")
        )

    def newest_first(self):
        return self.order_by("-published_at", "-number")


class Correction(models.Model):
    """A correction (更正) or an update (追记) to a published article: its
    own record, tied to the article, public once an approver of the
    article's column approved it (corrections/actions.py). If the article's
    text changed too, that went through a revision and the review chain;
    the correction may point at that revision."""

    Kind = Kind
    State = State

    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        _("text"),
        help_text=_(
            "The note readers see under the article, such as: "
            "the date in the third paragraph should be 27 November."
        ),
    )
    published_at = models.DateTimeField(
        _("time"),
        null=True,
        blank=True,
        help_text=_("Shown before the note; empty: the time of approval"),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("article revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("If the text changed too: the revision approved and published"),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT
    )
    # 1, 2, … per article, in the order they went public.
    number = models.PositiveIntegerField(_("number"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("drafted at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, editable=False)

    objects = CorrectionQuerySet.as_manager()

    search_fields = [index.SearchField("text"), index.FilterField("state")]

    class Meta:
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_correction", _("Can approve corrections and updates"))]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"],
                condition=models.Q(number__isnull=False),
                name="correction_number_per_article",
            )
        ]
        indexes = [
            models.Index(
                fields=["state", "-published_at"], name="correction_public_idx"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}:{Truncator(self.text).chars(30)}"

    @property
    def is_public(self) -> bool:
        return self.state == State.APPROVED

    @property
    def notice(self) -> str:
        """How readers see it: 更正（2026年12月3日 10:20）：…"""
        when = cn_datetime(self.published_at)
        return pgettext("correction notice", "%(kind)s (%(when)s): %(text)s") % {
            "kind": self.get_kind_display(),
            "when": when,
            "text": self.text,
        }
