from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from wagtail.search import index

from articles.models import ArticlePage
from core.templatetags.news_tags import cn_datetime


class Kind(models.TextChoices):
    CORRECTION = "correction", "更正"
    UPDATE = "update", "追记"


class State(models.TextChoices):
    DRAFT = "draft", "待审核"
    APPROVED = "approved", "已公开"


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
        verbose_name="文章",
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        "类型", max_length=12, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        "内容", help_text="读者在文章正文下看到的说明,如:本文第三段的日期应为11月27日。"
    )
    published_at = models.DateTimeField(
        "时间", null=True, blank=True, help_text="显示在说明前;留空则为审核通过的时间"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="对应的文章版本",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="正文也改了时:经审核发布的那个版本",
    )
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.DRAFT
    )
    # 1, 2, … per article, in the order they went public.
    number = models.PositiveIntegerField("序号", null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField("审核时间", null=True, editable=False)

    objects = CorrectionQuerySet.as_manager()

    search_fields = [index.SearchField("text"), index.FilterField("state")]

    class Meta:
        verbose_name = "更正/追记"
        verbose_name_plural = "更正与追记"
        ordering = ["-created_at", "-pk"]
        permissions = [("approve_correction", "可审核通过更正/追记")]
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
        return f"{self.get_kind_display()}（{when}）：{self.text}"
