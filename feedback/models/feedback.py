from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from feedback.permissions import columns_edited_by, sees_all_feedback
from readers import ipregion


class Kind(models.TextChoices):
    COMMENT = "comment", "评论"
    COMPLAINT = "complaint", "投诉"
    SUGGESTION = "suggestion", "建议"
    CORRECTION = "correction", "纠错"
    # A verified reader's appeal (申诉) against a sanction (readers/standing.py):
    # answered in the queue like a complaint, never public.
    APPEAL = "appeal", _("Appeal")


class State(models.TextChoices):
    SUBMITTED = "submitted", "待处理"
    ACCEPTED = "accepted", "已受理"
    IN_PROGRESS = "in_progress", "办理中"
    REPLIED = "replied", "已回复"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"
    SPAM = "spam", "垃圾信息"
    PUBLISHED = "published", "已发布"
    HIDDEN = "hidden", "不公开"
    # Taken down for good by staff (feedback/community.py): kept for the
    # record, never shown again.
    DELETED = "deleted", _("Deleted")


class Screening(models.TextChoices):
    CLEAN = "clean", "通过"
    HELD = "held", "待复核"
    SPAM = "spam", "拦截"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


# Complaints, suggestions and corrections need an answer and go through the
# whole lifecycle; comments only need moderation.
ANSWERED_KINDS = (Kind.COMPLAINT, Kind.SUGGESTION, Kind.CORRECTION, Kind.APPEAL)
OPEN_STATES = (State.ACCEPTED, State.IN_PROGRESS)
# States in which an item has left the queue (contact erasure counts from here).
FINISHED_STATES = (
    State.CLOSED,
    State.REJECTED,
    State.SPAM,
    State.PUBLISHED,
    State.HIDDEN,
    State.DELETED,
)


class FeedbackQuerySet(models.QuerySet):
    def public(self):
        """What may appear under an article: published by staff, with consent."""
        return self.filter(is_public=True, consent_public=True).exclude(
            state__in=(State.SPAM, State.REJECTED, State.SUBMITTED, State.DELETED)
        )

    def answered_kinds(self):
        return self.filter(kind__in=ANSWERED_KINDS)

    def not_spam(self):
        return self.exclude(state=State.SPAM)

    def overdue(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(state=State.SUBMITTED, kind__in=ANSWERED_KINDS, accept_due__lt=now)
            | Q(state__in=OPEN_STATES, reply_due__lt=now)
        )

    def visible_to(self, user):
        """Feedback staff see every item; editors see the columns they edit."""

        if sees_all_feedback(user):
            return self
        return self.filter(column__in=columns_edited_by(user))


class Feedback(models.Model):
    """One message a reader left under an article, and where it stands."""

    Kind = Kind
    State = State
    Screening = Screening
    Rating = Rating

    tracking_code = models.CharField("查询码", max_length=10, unique=True)
    tracking_token = models.CharField("私密链接令牌", max_length=64, unique=True)
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name="文章",
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    # Kept with the item so figures per column and the editors' view survive
    # a deleted article.
    column = models.ForeignKey(
        "articles.ColumnPage",
        verbose_name="栏目",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article_title = models.CharField("文章标题", max_length=255)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    state = models.CharField(
        "状态", max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    message = models.TextField("留言内容")
    display_name = models.CharField("署名", max_length=20, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    consent_public = models.BooleanField("同意公开", default=False)
    is_public = models.BooleanField("在文章下公开", default=False)

    screening = models.CharField(
        "筛查结果", max_length=8, choices=Screening.choices, default=Screening.CLEAN
    )
    screening_reason = models.CharField("筛查原因", max_length=255, blank=True)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    # IP属地: province, country or 未知, resolved once at submission from the
    # full address (readers.ipregion); shown with a public comment and kept
    # when the address itself is erased.
    ip_region = models.CharField(ipregion.VERBOSE_NAME, max_length=20, blank=True)
    # The verified reader (readers/) who sent it, if any: a public comment
    # shows the reader's nickname.
    reader = models.ForeignKey(
        "readers.Reader",
        verbose_name=_("verified reader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_feedback",
    )
    report_count = models.PositiveIntegerField("被读者举报次数", default=0)
    # Staff picks under the article (feedback/community.py): 置顶 first, then
    # 精选, in both the 最新 and the 最热 order.
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_featured = models.BooleanField(_("featured"), default=False)
    # An appeal (Kind.APPEAL): the sanction it is against.
    appeal_of = models.ForeignKey(
        "readers.Sanction",
        verbose_name=_("appeal against"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    rating = models.CharField("评价", max_length=20, choices=Rating.choices, blank=True)
    rating_reason = models.TextField("评价理由", blank=True)
    reopen_count = models.PositiveSmallIntegerField("重新办理次数", default=0)

    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    accept_due = models.DateTimeField("受理期限", null=True, blank=True)
    reply_due = models.DateTimeField("答复期限", null=True, blank=True)
    missed_deadline = models.BooleanField("曾逾期", default=False)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    first_replied_at = models.DateTimeField("首次回复时间", null=True, blank=True)
    replied_at = models.DateTimeField("最近回复时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    contact_erased_at = models.DateTimeField("联系方式删除时间", null=True, blank=True)

    # A 纠错 that led to a change: the correction it became (corrections/),
    # public once an approver of the article's column approved it.
    correction = models.ForeignKey(
        "corrections.Correction",
        verbose_name="对应的更正",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_items",
    )

    objects = FeedbackQuerySet.as_manager()

    # Reader feedback is not content other pages use: no reference-index
    # rows to write on every submission (two queries each).
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "读者反馈"
        verbose_name_plural = "读者反馈"
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("view_feedback_contact", "可查看读者联系方式"),
            ("export_feedback", "可导出反馈"),
        ]
        indexes = [
            models.Index(
                fields=["article", "is_public", "-created_at"],
                name="feedback_public_idx",
            ),
            models.Index(fields=["state", "kind"], name="feedback_queue_idx"),
        ]

    def __str__(self):
        excerpt = Truncator(self.message).chars(30)
        return f"{self.get_kind_display()}:{excerpt}"

    @property
    def needs_answer(self) -> bool:
        return self.kind in ANSWERED_KINDS

    @property
    def public_name(self) -> str:
        return self.display_name or "网友"

    @property
    def contact_is_email(self) -> bool:
        return "@" in self.contact

    @property
    def reader_state_label(self) -> str:
        """The state in the words a reader needs."""
        return self.reader_label_of(self.state)

    def reader_label_of(self, state) -> str:
        """A state of this item in the reader's words: the same on the
        tracking page's current state and in its history."""
        if state == State.SUBMITTED:
            return "待受理" if self.needs_answer else "待审核"
        if state == State.SPAM:
            return "未通过自动筛查（如属误判，工作人员复核后会恢复）"
        if state == State.HIDDEN:
            return "已阅，未公开展示"
        return State(state).label

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        if self.state == State.SUBMITTED and self.needs_answer:
            return bool(self.accept_due and now > self.accept_due)
        if self.state in OPEN_STATES:
            return bool(self.reply_due and now > self.reply_due)
        return False
