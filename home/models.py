from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from articles.listings import (
    in_bulk_for_listing,
    latest_ids,
    month_bounds,
    with_latest_ids,
)
from articles.listings import published as published_articles
from articles.models import ArticlePage, ColumnPage
from core import render_cache
from core.models import BasePage
from core.pagination import paginate
from home.forms import HomePageForm

LATEST_COUNT = 12
PER_COLUMN_COUNT = 4
FIRST_ARCHIVE_YEAR = 1990


class HomePage(RoutablePageMixin, BasePage):
    """The front page and the single root of the public site. It also
    answers the site-wide lists: /tags/<tag>/, /<year>/ and /<year>/<month>/."""

    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    lead_story = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Empty: the latest published article; also used once the chosen "
            "article is taken offline"
        ),
    )
    lead_story_until = models.DateTimeField(
        _("lead story until"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: until the lead story is changed. At this time the front "
            "page goes back to choosing its lead itself"
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("lead_story"), FieldPanel("lead_story_until")],
            heading=_("Lead story"),
        ),
    ]

    base_form_class = HomePageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ColumnPage", "articles.AuthorIndexPage"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("front page")

    def clean(self):
        super().clean()
        if self.lead_story_until is None:
            return
        if self.lead_story_id is None:
            raise ValidationError(
                {"lead_story_until": _("Choose the lead story to keep until then.")}
            )

    @property
    def pinned_lead_id(self) -> int | None:
        """The editors' pick, unless its time has run out (the scheduler's
        expire_lead_story then clears it and purges the front page)."""
        if self.lead_story_until and self.lead_story_until <= timezone.now():
            return None
        return self.lead_story_id

    def route(self, request, path_components):
        """A path that is not one of the routes above is a column's: fetch
        it as a column at once (Wagtail's route takes a second query for the
        specific page)."""
        if path_components:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                column = (
                    ColumnPage.objects.child_of(self)
                    .filter(slug=path_components[0])
                    .first()
                )
                if column is not None:
                    column._cached_parent_obj = self
                    return column.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("", name="front_page")
    def front_page(self, request):
        # The lists change only when something is published, unpublished,
        # moved, restricted, corrected or withdrawn: all renew the render
        # cache (core/render_cache.py). Read only when the template's own
        # fragment of them is not kept there.
        key = ("front page", self.pk, self.pinned_lead_id)
        front = SimpleLazyObject(
            lambda: render_cache.cached(key, self.front_page_context)
        )
        return self.render(
            request, context_overrides={"front": front, "front_key": key}
        )

    def front_page_context(self) -> dict:

        articles = ArticlePage.objects.descendant_of(self).readable()
        columns = with_latest_ids(
            ColumnPage.objects.child_of(self).live().public(),
            articles,
            PER_COLUMN_COUNT,
        )
        newest = latest_ids(articles, LATEST_COUNT + 1)
        wanted = {*newest, *(pk for column in columns for pk in column.latest_ids)}
        pinned = self.pinned_lead_id
        if pinned:
            wanted.add(pinned)
        by_id = in_bulk_for_listing(articles, wanted)

        # The editors' pick while it is live and public, else the newest
        # article with a lead image (the layout wants one), else the newest.
        lead = by_id.get(pinned) or next(
            (by_id[pk] for pk in newest if by_id[pk].lead_image_id),
            by_id[newest[0]] if newest else None,
        )
        return {
            "lead_story": lead,
            "latest_articles": [
                by_id[pk] for pk in newest if lead is None or pk != lead.pk
            ][:LATEST_COUNT],
            "column_sections": [
                {
                    "column": column,
                    "articles": [by_id[pk] for pk in column.latest_ids],
                }
                for column in columns
            ],
            "columns": columns,
        }

    def listing_response(self, request, *, name, heading, articles, crumbs, **extra):
        return self.render(
            request,
            context_overrides={
                "listing_heading": heading,
                "articles": paginate(request, articles, name=f"{self.pk}:{name}"),
                "listing_crumbs": crumbs,
                **extra,
            },
            template="pages/listing_page.html",
        )

    @path("tags/<str:slug>/", name="tag")
    def tag_listing(self, request, slug):

        tag = get_object_or_404(Tag, slug=slug)
        articles = published_articles(
            ArticlePage.objects.descendant_of(self).filter(tagged_items__tag=tag)
        )
        return self.listing_response(
            request,
            name=f"tag:{tag.pk}",
            heading=gettext("Tag: %(tag)s") % {"tag": tag.name},
            articles=articles,
            crumbs=[
                {
                    "title": gettext("Tag: %(tag)s") % {"tag": tag.name},
                    "url": self.tag_url(tag),
                }
            ],
            tag=tag,
        )

    @re_path(r"^(?P<year>\d{4})/$", name="archive_year")
    @re_path(r"^(?P<year>\d{4})/(?P<month>\d{2})/$", name="archive_month")
    def archive_listing(self, request, year, month=None):

        year, month = int(year), int(month) if month else None
        if year < FIRST_ARCHIVE_YEAR or (month is not None and not 1 <= month <= 12):
            raise Http404(gettext("There is no archive for this period"))
        start, end = month_bounds(year, month)
        articles = published_articles(ArticlePage.objects.descendant_of(self)).filter(
            sort_date__gte=start, sort_date__lt=end
        )
        year_label = pgettext("archive", "%(year)s") % {"year": year}
        heading = year_label
        if month:
            heading = pgettext("archive", "%(month)s %(year)s") % {
                "year": year,
                "month": month,
            }
        crumbs = [{"title": year_label, "url": self.archive_url(year)}]
        if month:
            crumbs.append(
                {
                    "title": pgettext("archive month", "%(month)s") % {"month": month},
                    "url": self.archive_url(year, month),
                }
            )
        return self.listing_response(
            request,
            name=f"archive:{year}:{month or ''}",
            heading=gettext("Archive: %(period)s") % {"period": heading},
            articles=articles,
            crumbs=crumbs,
            archive_year=year,
            archive_month=month,
        )

    def tag_url(self, tag) -> str:
        return self.url + self.reverse_subpage("tag", kwargs={"slug": tag.slug})

    def archive_url(self, year: int, month: int | None = None) -> str:
        if month is None:
            name, kwargs = "archive_year", {"year": f"{year:04d}"}
        else:
            name, kwargs = (
                "archive_month",
                {"year": f"{year:04d}", "month": f"{month:02d}"},
            )
        return self.url + self.reverse_subpage(name, kwargs=kwargs)
