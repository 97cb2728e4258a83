from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    ARTICLE = "article", _("One article")
    COLUMN = "column", _("One column")
    SITE = "site", _("The whole site")


class CommentSwitch(models.Model):
    """Comments closed (or open again) for one article, one column or the
    whole site. One row per article, column, and one for the site; the
    comment log (commentlog/) keeps every change."""

    Scope = Scope

    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    closed = models.BooleanField(_("comments closed"), default=False)
    notice = models.CharField(_("notice shown in place of the form"), max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment switch")
        verbose_name_plural = _("comment switches")
        default_permissions = ()
        permissions = [
            ("switch_article_comments", _("Can close comments on an article")),
            ("switch_column_comments", _("Can close comments on a column")),
            ("switch_site_comments", _("Can close comments on the whole site")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "page"], name="feedback_switch_per_page"
            ),
            models.UniqueConstraint(
                fields=["scope"],
                condition=Q(page__isnull=True),
                name="feedback_switch_one_site",
            ),
        ]

    def __str__(self):
        return f"{self.get_scope_display()} {self.page_id or ''}".strip()
