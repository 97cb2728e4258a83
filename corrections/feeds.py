"""RSS of the public corrections, site wide and per column."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from core.models import SiteSettings
from corrections.views import TITLE, public_corrections, readable_column

ITEM_COUNT = 20


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-CN"

    def __call__(self, request, *args, **kwargs):
        self.site_settings = SiteSettings.for_request(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug=None):
        return readable_column(slug) if slug else None

    def items(self, column):
        return list(public_corrections(column)[:ITEM_COUNT])

    def title(self, column):
        scope = f"{column.title}" if column else ""
        return f"{scope}{TITLE} - {self.site_settings.site_name}"

    def link(self, column):
        if column is None:
            return reverse("corrections:index")
        return reverse("corrections:column", kwargs={"slug": column.slug})

    def description(self, column):
        return _("Corrections and updates to articles published by %(site)s") % {
            "site": self.site_settings.site_name
        }

    def item_title(self, item):
        return f"{item.get_kind_display()}:{item.article.title}"

    def item_link(self, item):
        return f"{item.article.url}#correction-{item.number}"

    def item_guid(self, item):
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_description(self, item):
        return item.notice

    def item_pubdate(self, item):
        return item.published_at
