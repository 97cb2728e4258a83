from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.shortcuts import get_object_or_404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core.models import BasePage
from core.pagination import paginate
from core.search_fields import ChineseAutocompleteField, ChineseSearchField


class BylineRole(models.Model):
    """记者, 作者, 评论员 …: a list editors can extend."""

    name = models.CharField("署名身份", max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = "署名身份"
        verbose_name_plural = "署名身份"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def photo_alt_text(self) -> str:
        return f"{self.name}的照片"


class Author(index.Indexed, models.Model):
    """A person credited on articles; not necessarily an admin user."""

    name = models.CharField("姓名", max_length=60)
    slug = models.SlugField("网址名", max_length=80, unique=True, allow_unicode=False)
    title = models.CharField("职务/头衔", max_length=60, blank=True)
    bio = models.TextField("简介", blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="关联后台账号",
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
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def photo_alt_text(self) -> str:
        return f"{self.name}的照片"


class AuthorIndexPage(RoutablePageMixin, BasePage):
    """/authors/ lists every author; /authors/<slug>/ is one author's page."""

    intro = models.TextField("简介", blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    URL_CACHE_KEY = "author-index-url"

    class Meta:
        verbose_name = "作者索引页"

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

        # The photo's rendition comes from Wagtail's rendition cache.
        author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
        request._author_index_page = self  # read by the author_url template tag
        articles = (
            ArticlePage.objects.readable()
            .filter(pk__in=author.bylines.values("page_id"))
            .for_listing()
        )
        page = paginate(request, articles)
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
