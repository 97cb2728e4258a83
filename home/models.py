from django.db import models
from wagtail.admin.panels import FieldPanel

from core.models import BasePage

LATEST_COUNT = 20


class HomePage(BasePage):
    """The front page and the single root of the public site."""

    intro = models.CharField("首页简介", max_length=255, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.ColumnPage", "articles.AuthorIndexPage"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from articles.models import ArticlePage, ColumnPage

        context = super().get_context(request, *args, **kwargs)
        context["columns"] = ColumnPage.objects.child_of(self).live().public()
        context["latest_articles"] = (
            ArticlePage.objects.descendant_of(self)
            .live()
            .public()
            .for_listing()[:LATEST_COUNT]
        )
        return context
