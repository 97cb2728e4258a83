from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from articles.blocks import ArticleBodyBlock
from articles.forms import ArticlePageForm
from articles.models.reprint import ReprintFields
from articles.models.withdrawal import WithdrawableArticle, Withdrawal
from articles.panels import OwnAuthorOffer, WithdrawalBanner
from articles.permissions import ArticlePermissionTester
from articles.structured_data import article_json_ld, share_image
from core import render_cache
from core.models import BasePage, SiteSettings
from core.people import display_name
from core.search_fields import ChineseSearchField

RELATED_LIMIT = 6
# Related reading is picked among this many newest articles sharing a tag
# and as many of the same column.
RELATED_POOL = 200
LISTED_AT_SOURCES = {"display_date", "first_published_at", "latest_revision_created_at"}
# Apps that show something on an article page (corrections) add it to the
# page's context: fn(page, request, context), JSON-LD included.
ARTICLE_CONTEXT_HOOK = "construct_article_context"


def column_id(page) -> int | None:
    """The page's id if it is a column (what listed_column may point at)."""
    from articles.models.columns import ColumnPage

    if page is None or not issubclass(page.specific_class, ColumnPage):
        return None
    return page.pk


class ArticlePageQuerySet(PageQuerySet):
    def with_sort_date(self):
        """sort_date: the date lists order and group articles by (the
        stored, indexed listed_at), so a list of the newest articles reads
        an index instead of sorting the whole archive."""
        return self.annotate(sort_date=models.F("listed_at"))

    def not_withdrawn(self):
        """Neither retracted nor taken down (articles/models/withdrawal.py):
        the one test of it, part of readable() and searchable()."""
        return self.filter(withdrawal=Withdrawal.NONE)

    def readable(self):
        """What every public list may show: live, not withdrawn, and
        public() in the same SQL query (public() first loads every view
        restriction of the site, one more query on each list)."""
        from wagtail.models import PageViewRestriction

        # A restriction on the article or any ancestor: its page's path is
        # the start of the article's path.
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return self.live().not_withdrawn().exclude(Exists(restricted))

    def searchable(self):
        """readable() as the search backends can filter it: Wagtail's own
        public() and FilterFields instead of a subquery."""
        return self.live().public().not_withdrawn()

    def with_column(self):
        """column_title and column_kicker of each article's column, in the
        same query (an article's parent is always its column)."""
        from articles.models.columns import ColumnPage

        parent = ColumnPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        )
        return self.annotate(
            column_title=Subquery(parent.values("title")[:1]),
            column_kicker=Subquery(parent.values("default_kicker")[:1]),
        )

    def for_listing(self):
        """Newest first by display date, with everything a list item shows."""
        return (
            self.with_sort_date()
            .with_column()
            .select_related("lead_image", "source")
            .prefetch_related(
                models.Prefetch(
                    "bylines",
                    queryset=ArticleByline.objects.select_related("author", "role"),
                )
            )
            .order_by("-sort_date", "-pk")
        )


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleByline(Orderable):
    """One credited person on an article, with the role they are credited as."""

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="bylines"
    )
    role = models.ForeignKey(
        "articles.BylineRole",
        verbose_name=_("byline role"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(
        "articles.Author",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="bylines",
    )

    panels = [FieldPanel("role"), FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")

    def __str__(self):
        return f"{self.role} {self.author}"

    @property
    def author_name(self) -> str:
        return self.author.name


class RelatedArticle(Orderable):
    """An article an editor pins to 相关阅读."""

    page = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="pinned_related"
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("related article"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related reading")
        verbose_name_plural = _("related reading")


class ArticlePage(WithdrawableArticle, ReprintFields, BasePage):
    kicker = models.CharField(
        _("kicker"),
        max_length=40,
        blank=True,
        help_text=_("Such as: [Commentary]; empty: the column's default kicker"),
    )
    standfirst = models.TextField(
        _("standfirst / subtitle"), blank=True, max_length=300
    )
    lead_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(
        _("lead image caption"), max_length=255, blank=True
    )
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describes the picture for readers who cannot see it; empty: the "
            "image's description in the image library"
        ),
    )
    lead_image_decorative = models.BooleanField(
        _("lead image is decorative"),
        default=False,
        help_text=_(
            "Tick when the picture carries no content: screen readers then skip it"
        ),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    display_date = models.DateTimeField(
        _("display date"),
        null=True,
        blank=True,
        help_text=_("Empty: the time of first publication"),
    )
    source = models.ForeignKey(
        "articles.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("Empty: the default source in the site settings (this site)"),
    )
    responsible_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible editor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disclaimer = models.TextField(
        _("disclaimer"),
        blank=True,
        help_text=_("Empty: the column's default disclaimer"),
    )
    tags = ClusterTaggableManager(_("tags"), through=ArticlePageTag, blank=True)

    # display_date, else first publication, else the latest revision: kept
    # in step by save(), indexed for lists and archives.
    listed_at = models.DateTimeField(null=True, editable=False, db_index=True)
    # The column (the parent page), kept in step by save() and by moves
    # (articles/signals.py): a column's newest articles are then one index
    # range, however quiet the column and however large the archive.
    listed_column = models.ForeignKey(
        "articles.ColumnPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    base_form_class = ArticlePageForm

    content_panels = [
        WithdrawalBanner(),
        FieldPanel("kicker"),
        *BasePage.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_decorative"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        OwnAuthorOffer(),
        InlinePanel("bylines", label=_("Bylines"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("display_date"),
                FieldPanel(
                    "responsible_editor", permission="editorial.set_responsible_editor"
                ),
                FieldPanel("disclaimer"),
            ],
            heading=_("Publication details"),
        ),
        ReprintFields.reprint_panel,
        FieldPanel("tags"),
        InlinePanel(
            "pinned_related",
            label=_("Related reading (pinned)"),
            max_num=RELATED_LIMIT,
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        ChineseSearchField("kicker"),
        ChineseSearchField("standfirst"),
        ChineseSearchField("body"),
        index.RelatedFields("bylines", [ChineseSearchField("author_name")]),
        index.RelatedFields("tags", [ChineseSearchField("name")]),
        index.FilterField("display_date"),
        index.FilterField("listed_at"),
        index.FilterField("withdrawal"),
    ]

    parent_page_types = ["articles.ColumnPage"]
    subpage_types = []
    template = "pages/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("retract_article", _("Can retract articles (with a public reason)")),
            ("take_down_article", _("Can take articles down")),
            ("restore_article", _("Can restore retracted or taken-down articles")),
        ]
        indexes = [
            models.Index(
                fields=["listed_column", "-listed_at"], name="article_column_newest_idx"
            )
        ]

    def save(self, *args, **kwargs):
        self.listed_at = (
            self.display_date
            or self.first_published_at
            or self.latest_revision_created_at
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and LISTED_AT_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "listed_at"}
        if update_fields is None and self.path:
            self.listed_column_id = column_id(self.get_parent(update=True))
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        return ArticlePermissionTester(user, self)

    @property
    def lead_image_alt_text(self) -> str:
        """What a screen reader says for the lead image ("" if decorative)."""
        if self.lead_image_decorative or not self.lead_image_id:
            return ""
        return self.lead_image_alt.strip() or self.lead_image.default_alt_text

    @property
    def column(self):
        return self.get_parent().specific_deferred

    @property
    def published_at(self):
        return self.display_date or self.first_published_at or timezone.now()

    @property
    def listing_kicker(self) -> str:
        """The kicker a list shows: the article's own, else its column's
        (annotated by for_listing(), so no query per item)."""
        return self.kicker or getattr(self, "column_kicker", "") or ""

    def effective_kicker(self, column=None) -> str:
        return self.kicker or (column or self.column).default_kicker

    def effective_disclaimer(self, column=None) -> str:
        return self.disclaimer or (column or self.column).default_disclaimer

    def effective_source(self, request=None):
        if self.source_id:
            return self.source
        site_settings = SiteSettings.for_request(request) if request else None
        return site_settings.default_source if site_settings else None

    @property
    def status_string(self):
        """The page listing's status: a piece sent back reads 退回修改, one in
        review names its step (审核中（复审）) rather than Wagtail's 草稿."""
        state = self.current_workflow_state  # prefetched by the listing
        if state is None:
            return super().status_string
        if state.status == state.STATUS_NEEDS_CHANGES:
            label = pgettext("page status", "sent back")
        else:
            task_state = state.current_task_state
            step = task_state.task.name if task_state else ""
            label = pgettext("page status", "in review (%(step)s)") % {"step": step}
        return f"{gettext('live')} + {label}" if self.live else label

    @property
    def responsible_editor_name(self) -> str:
        return display_name(self.responsible_editor)

    def related_articles(
        self, limit: int = RELATED_LIMIT, tags=None
    ) -> list["ArticlePage"]:
        """Pinned first, in the editors' order, then articles sharing the
        most tags, then the same column, newest first within each. Pins and
        tags are read through the cluster relations, so previews of unsaved
        edits work; the rest looks only at the pins and the RELATED_POOL
        newest articles sharing a tag or the column (two queries), so its
        cost does not grow with the archive.

        The live page's list is kept in the render cache (core/render_cache.py),
        which every publish, unpublish, move, deletion, restriction change,
        correction and retraction renews; a preview's unsaved pins are not."""
        tag_ids = [tag.pk for tag in (self.tags.all() if tags is None else tags)]
        if self.pk is None or self.pinned_related.is_deferring:
            return self._related_articles(limit, tag_ids)
        return render_cache.cached(
            ("related", self.pk, self.path, tuple(tag_ids), limit),
            lambda: self._related_articles(limit, tag_ids),
        )

    def _related_articles(self, limit: int, tag_ids: list[int]) -> list["ArticlePage"]:
        pinned_ids = [link.article_id for link in self.pinned_related.all()]
        # Pins may be drafts or private by now: the pool always has more.
        pool = pinned_ids + self.related_pool(tag_ids)
        shared_tags = (
            ArticlePageTag.objects.filter(
                content_object_id=models.OuterRef("pk"), tag_id__in=tag_ids
            )
            .values("content_object_id")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        pin_order = models.Case(
            *(
                models.When(pk=pk, then=position)
                for position, pk in enumerate(pinned_ids)
            ),
            default=len(pinned_ids),
            output_field=models.IntegerField(),
        )
        return list(
            ArticlePage.objects.readable()
            .exclude(pk=self.pk)
            .filter(pk__in=pool)
            .annotate(
                pin_order=pin_order,
                shared_tags=Coalesce(models.Subquery(shared_tags), models.Value(0)),
            )
            .with_sort_date()
            .order_by("pin_order", "-shared_tags", "-sort_date", "-pk")[:limit]
        )

    def related_pool(self, tag_ids) -> list[int]:
        """Ids of the RELATED_POOL newest pages of this column and as many
        newest articles sharing a tag, in one query whose halves each read
        an index (the tree path, the tag link's article id)."""
        quote = connection.ops.quote_name
        column_path = self.path[: -self.steplen]
        # A column's pages have paths from column_path + "0000" up: "~"
        # sorts after every step character, so this is a range on the index.
        sql = (
            f"SELECT {quote('id')} FROM (SELECT {quote('id')} FROM "  # noqa: S608
            f"{quote(Page._meta.db_table)} WHERE {quote('path')} > %s AND "
            f"{quote('path')} < %s AND {quote('depth')} = %s ORDER BY "
            f"{quote('path')} DESC LIMIT %s) newest_in_column"
        )
        params = [column_path, column_path + "~", self.depth, RELATED_POOL]
        if tag_ids:
            in_tags = ", ".join(["%s"] * len(tag_ids))
            sql += (
                f" UNION SELECT {quote('content_object_id')} FROM (SELECT "  # noqa: S608
                f"{quote('content_object_id')} FROM "
                f"{quote(ArticlePageTag._meta.db_table)} WHERE "
                f"{quote('tag_id')} IN ({in_tags}) ORDER BY "
                f"{quote('content_object_id')} DESC LIMIT %s) newest_sharing_a_tag"
            )
            params += [*tag_ids, RELATED_POOL]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)  # names from the models, values as params
            return [row[0] for row in cursor.fetchall()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context.update(self.reading_context(request))
            return context
        # What readers see of the published article changes only on a purge,
        # which renews the render generation (core/render_cache.py).
        context.update(
            render_cache.cached(
                ("article context", self.pk, request.scheme, request.get_host()),
                lambda: self.reading_context(request),
            )
        )
        return context

    def reading_context(self, request) -> dict:
        column = self.column
        context = {
            "column": column,
            "breadcrumbs": [column],
            "source": self.effective_source(request),
            "kicker": self.effective_kicker(column),
            "disclaimer": self.effective_disclaimer(column),
        }
        context["bylines"] = bylines = list(
            self.bylines.select_related("author", "role").all()
        )
        context["tags"] = tags = list(self.tags.all())
        context["related_articles"] = self.related_articles(tags=tags)
        context["share_image"] = image = share_image(self)
        context["article_json_ld"] = article_json_ld(
            self,
            request,
            column=column,
            bylines=bylines,
            tags=tags,
            image=image,
            site_settings=SiteSettings.for_request(request),
        )
        for construct in hooks.get_hooks(ARTICLE_CONTEXT_HOOK):
            construct(self, request, context)
        return context
