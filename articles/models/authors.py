from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.http import Http404
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core import render_cache
from core.models import BasePage
from core.pagination import paginate
from core.search_fields import ChineseAutocompleteField, ChineseSearchField


class BylineRole(models.Model):
    """记者, 作者, 评论员 …: a list editors can extend."""

    name = models.CharField(_("byline role"), max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("byline role")
        verbose_name_plural = _("byline roles")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def photo_alt_text(self) -> str:
        return gettext("Photo of %(name)s") % {"name": self.name}


class Author(index.Indexed, models.Model):
    """A person credited on articles; not necessarily an admin user."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    slug = models.SlugField(
        _("URL name"), max_length=80, unique=True, allow_unicode=False
    )
    title = models.CharField(_("position / title"), max_length=60, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked admin account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("title"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [
        ChineseSearchField("name", boost=2),
        ChineseSearchField("bio"),
        ChineseAutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def photo_alt_text(self) -> str:
        return gettext("Photo of %(name)s") % {"name": self.name}


class AuthorIndexPage(RoutablePageMixin, BasePage):
    """/authors/ lists every author; /authors/<slug>/ is one author's page."""

    intro = models.TextField(_("introduction to the authors"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    URL_CACHE_KEY = "author-index-url"

    class Meta:
        verbose_name = _("author index page")

    @path("")
    def author_list(self, request):
        authors = (
            Author.objects.select_related("photo")
            .prefetch_related("photo__renditions")
            .order_by("name")
        )
        return self.render(
            request,
            context_overrides={"authors": authors},
            template="pages/author_index_page.html",
        )

    @path("<slug:slug>/", name="author")
    def author_detail(self, request, slug):
        from .article import ArticlePage

        # Any change to an author renews the render cache.
        author = render_cache.cached(
            ("author", slug),
            lambda: Author.objects.select_related("photo").filter(slug=slug).first(),
            store=lambda found: found is not None,
        )
        if author is None:
            raise Http404(gettext("There is no such author"))
        request._author_index_page = self  # read by the author_url template tag
        articles = (
            ArticlePage.objects.readable()
            .filter(pk__in=author.bylines.values("page_id"))
            .for_listing()
        )
        page = paginate(request, articles, name=f"author:{self.pk}:{author.pk}")
        return self.render(
            request,
            context_overrides={
                "author": author,
                "articles": page,
                "author_crumbs": [self],
            },
            template="pages/author_page.html",
        )

    @classmethod
    def cached_url(cls) -> str:
        """The live index's URL, from the cache: every byline links through
        it. Publishing, moving or unpublishing the index drops the cached URL
        (articles/signals.py)."""
        url = cache.get(cls.URL_CACHE_KEY)
        if url is None:
            index = cls.objects.live().first()
            url = (index.url or "") if index else ""
            cache.set(cls.URL_CACHE_KEY, url, 600)
        return url

    def author_url(self, author) -> str:
        return self.url + self.reverse_subpage("author", kwargs={"slug": author.slug})


def author_page_url(author, cache_owner) -> str:
    """The public URL of an author, looking the author index up once per
    `cache_owner` (the request, or a template context without one)."""
    index_url = getattr(cache_owner, "_author_index_url", None)
    if index_url is None:
        index = getattr(cache_owner, "_author_index_page", None)
        index_url = index.url if index else AuthorIndexPage.cached_url()
        cache_owner._author_index_url = index_url
    if not index_url:
        return ""
    return index_url + AuthorIndexPage().reverse_subpage(
        "author", kwargs={"slug": author.slug}
    )
