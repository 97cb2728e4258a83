from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Source(index.Indexed, models.Model):
    """The outlet an article comes from (来源); syndicated pieces name another."""

    name = models.CharField(_("outlet name"), max_length=120, unique=True)
    url = models.URLField(_("website"), blank=True)
    approved_for_reprint = models.BooleanField(
        _("approved for reprints"),
        default=False,
        help_text=_(
            "Only articles from approved outlets may be reprinted (the "
            "pre-approval check stops reprints from any other source)"
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("approved_for_reprint")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name"]

    def __str__(self):
        return self.name
