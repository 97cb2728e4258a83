from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Source(index.Indexed, models.Model):
    """The outlet an article comes from (来源); syndicated pieces name another."""

    name = models.CharField("媒体名称", max_length=120, unique=True)
    url = models.URLField("网址", blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self):
        return self.name
