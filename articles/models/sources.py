from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Source(index.Indexed, models.Model):
    """The outlet an article comes from (来源); syndicated pieces name another."""

    name = models.CharField("媒体名称", max_length=120, unique=True)
    url = models.URLField("网址", blank=True)
    approved_for_reprint = models.BooleanField(
        "转载白名单",
        default=False,
        help_text="列入白名单的媒体,其文章才可以转载(审核前检查会拦下其他来源的转载稿)",
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("approved_for_reprint")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self):
        return self.name
