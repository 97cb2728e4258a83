from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from feedback.permissions import columns_edited_by, sees_all_feedback
from readers import ipregion


class Kind(models.TextChoices):
    COMMENT = "comment", pgettext_lazy("feedback kind", "Comment")
    COMPLAINT = "complaint", pgettext_lazy("feedback kind", "Complaint")
    SUGGESTION = "suggestion", pgettext_lazy("feedback kind", "Suggestion")
    CORRECTION = "correction", pgettext_lazy("feedback kind", "Correction")
    # A verified reader's appeal (申诉) against a sanction (readers/standing.py):
    # answered in the queue like a complaint, never public.
    APPEAL = "appeal", pgettext_lazy("feedback kind", "Appeal")


class State(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("feedback state", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("feedback state", "Accepted")
    IN_PROGRESS = "in_progress", pgettext_lazy("feedback state", "In progress")
    REPLIED = "replied", pgettext_lazy("feedback state", "Replied")
    CLOSED = "closed", pgettext_lazy("feedback state", "Closed")
    REJECTED = "rejected", pgettext_lazy("feedback state", "Rejected")
    SPAM = "spam", pgettext_lazy("feedback state", "Spam")
    PUBLISHED = "published", pgettext_lazy("feedback state", "Published")
    HIDDEN = "hidden", pgettext_lazy("feedback state", "Not public")
    # Taken down for good by staff (feedback/comment_actions.py): kept for the
    # record, never shown again.
    DELETED = "deleted", pgettext_lazy("feedback state", "Deleted")


class Screening(models.TextChoices):
    CLEAN = "clean", pgettext_lazy("screening", "Passed")
    HELD = "held", pgettext_lazy("screening", "Held for review")
    SPAM = "spam", pgettext_lazy("screening", "Blocked")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", pgettext_lazy("rating", "Satisfied")
    BASICALLY_SATISFIED = (
        "basically_satisfied",
        pgettext_lazy("rating", "Mostly satisfied"),
    )
    UNSATISFIED = "unsatisfied", pgettext_lazy("rating", "Not satisfied")


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

    tracking_code = models.CharField(_("tracking code"), max_length=10, unique=True)
    tracking_token = models.CharField(
        _("private link token"), max_length=64, unique=True
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("article"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    # Kept with the item so figures per column and the editors' view survive
    # a deleted article.
    column = models.ForeignKey(
        "articles.ColumnPage",
        verbose_name=_("column"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article_title = models.CharField(_("article title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.SUBMITTED
    )
    message = models.TextField(_("message"))
    display_name = models.CharField(_("signature"), max_length=20, blank=True)
    contact = models.CharField(_("contact details"), max_length=100, blank=True)
    consent_public = models.BooleanField(_("consents to publication"), default=False)
    is_public = models.BooleanField(_("public under the article"), default=False)

    screening = models.CharField(
        _("screening result"),
        max_length=8,
        choices=Screening.choices,
        default=Screening.CLEAN,
    )
    screening_reason = models.CharField(
        _("screening reason"), max_length=255, blank=True
    )
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
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
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_feedback",
    )
    report_count = models.PositiveIntegerField(_("reports by readers"), default=0)
    # Staff picks under the article (feedback/comment_actions.py): 置顶 first, then
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
    rating = models.CharField(
        _("rating"), max_length=20, choices=Rating.choices, blank=True
    )
    rating_reason = models.TextField(_("rating reason"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    created_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, db_index=True
    )
    accept_due = models.DateTimeField(_("accept by"), null=True, blank=True)
    reply_due = models.DateTimeField(_("reply by"), null=True, blank=True)
    missed_deadline = models.BooleanField(_("missed a deadline"), default=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    first_replied_at = models.DateTimeField(
        _("first replied at"), null=True, blank=True
    )
    replied_at = models.DateTimeField(_("last replied at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(
        _("contact details erased at"), null=True, blank=True
    )

    # A 纠错 that led to a change: the correction it became (corrections/),
    # public once an approver of the article's column approved it.
    correction = models.ForeignKey(
        "corrections.Correction",
        verbose_name=_("resulting correction"),
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
        verbose_name = _("reader feedback")
        verbose_name_plural = _("reader feedback")
        ordering = ["-created_at", "-pk"]
        # The stored names are this English source (migration 0008), which
        # Wagtail's group editor translates for each user. It first strips a
        # trailing model name ("Can export feedback" would read "Can
        # export"), hence "the feedback list".
        permissions = [
            ("view_feedback_contact", _("Can view readers' contact details")),
            ("export_feedback", _("Can export the feedback list")),
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
        return self.display_name or gettext("Anonymous")

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
            return (
                gettext("Waiting to be accepted")
                if self.needs_answer
                else gettext("Awaiting review")
            )
        if state == State.SPAM:
            return gettext(
                "Stopped by the automatic screening (if that was a mistake, "
                "staff will restore it after a check)"
            )
        if state == State.HIDDEN:
            return gettext("Read, not shown in public")
        return State(state).label

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        if self.state == State.SUBMITTED and self.needs_answer:
            return bool(self.accept_due and now > self.accept_due)
        if self.state in OPEN_STATES:
            return bool(self.reply_due and now > self.reply_due)
        return False
