from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from core.models import BasePage
from core.pagination import paginate
from core.search_fields import ChineseSearchField


class ColumnPage(BasePage):
    """A column (栏目) such as 雪域时评: the parent of its articles."""

    intro = RichTextField(
        _("column introduction"), blank=True, features=["bold", "italic", "link"]
    )
    default_disclaimer = models.TextField(
        _("default disclaimer"),
        blank=True,
        help_text=_(
            "Shown at the end of every article in this column; an article may "
            "have its own"
        ),
    )
    default_kicker = models.CharField(
        _("default kicker"),
        max_length=40,
        blank=True,
        help_text=_("Such as: [Commentary]; an article may set its own"),
    )

    review_turnaround_hours = models.PositiveSmallIntegerField(
        _("review turnaround (hours)"),
        null=True,
        blank=True,
        help_text=_(
            "How long each review step may take; the reviewers' desk shows when "
            "a piece is due. Empty: no deadline."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("default_kicker"),
        FieldPanel("default_disclaimer"),
        FieldPanel("review_turnaround_hours"),
    ]
    search_fields = [*BasePage.search_fields, ChineseSearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "pages/column_page.html"

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")

    def get_context(self, request, *args, **kwargs):
        from .article import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        # The same articles as child_of(self), read from one index range.
        articles = ArticlePage.objects.filter(listed_column=self)
        articles = articles.readable().for_listing()
        context["articles"] = paginate(request, articles, name=f"column:{self.pk}")
        return context

    def route(self, request, path_components):
        """A column's children are all articles: fetch the one asked for as
        an article straight away (Wagtail's route takes a second query for
        the specific page), with what its page shows."""
        if not path_components:
            return super().route(request, path_components)
        from .article import ArticlePage

        article = (
            ArticlePage.objects.child_of(self)
            .filter(slug=path_components[0])
            .select_related("lead_image", "source", "responsible_editor")
            .first()
        )
        if article is None:
            raise Http404
        article._cached_parent_obj = self  # article.get_parent() needs no query
        return article.route(request, path_components[1:])
