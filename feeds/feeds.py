"""RSS 2.0 and Atom feeds of the whole site, one column or one author."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.listings import published
from articles.models import ArticlePage, Author, AuthorIndexPage, ColumnPage
from articles.models.authors import author_page_url
from articles.structured_data import SHARE_IMAGE_FILTER, date_modified
from core.models import SiteSettings
from corrections import content as correction_content
from corrections.models import Correction
from feeds import content

ITEM_COUNT = 20
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per byline (RSS's own <author> must be
    an e-mail address)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _uri in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(Atom1Feed):
    """Atom with one <author> (name and uri) per byline."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if uri:
                handler.addQuickElement("uri", uri)
            handler.endElement("author")


class ArticleFeed(Feed):
    feed_type = RssWithAuthors
    language = "zh-CN"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site_settings = SiteSettings.for_request(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def scope(self, obj):
        return ArticlePage.objects.all()

    def items(self, obj):
        return list(
            published(self.scope(obj)).prefetch_related(
                Prefetch("tagged_items__tag", queryset=Tag.objects.all()),
                "lead_image__renditions",
                Prefetch(
                    "corrections",
                    queryset=Correction.objects.approved().newest_first(),
                    to_attr="public_corrections",
                ),
            )[:ITEM_COUNT]
        )

    def title(self, obj):
        return self.site_settings.site_name

    def link(self, obj):
        return "/"

    def description(self, obj):
        return _("The latest commentary of %(site)s") % {
            "site": self.site_settings.site_name
        }

    subtitle = description

    def feed_url(self, obj):
        return self.request.path

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_description(self, item):
        """The article's corrections first, newest first, then its text."""
        corrections = item.public_corrections
        if self.site_settings.feed_full_text:
            return correction_content.feed_html(corrections) + content.full_text(item)
        return correction_content.feed_text(corrections) + content.summary(item)

    def item_extra_kwargs(self, item):
        """Every byline on its own (RssWithAuthors, AtomWithAuthors)."""
        return {
            "authors": [
                (
                    byline.author.name,
                    self.request.build_absolute_uri(
                        author_page_url(byline.author, self.request)
                    ),
                )
                for byline in item.bylines.all()
            ]
        }

    def item_enclosures(self, item):
        """The lead image, as the article page shares it (1200 x 630 JPEG)."""
        if not item.lead_image_id:
            return []
        rendition = item.lead_image.get_rendition(SHARE_IMAGE_FILTER)
        try:
            length = rendition.file.size
        except OSError:
            return []
        url = self.request.build_absolute_uri(rendition.url)
        return [Enclosure(url, str(length), "image/jpeg")]

    def item_pubdate(self, item):
        """The date the article page shows (and its JSON-LD's datePublished)."""
        return item.published_at

    def item_updateddate(self, item):
        """Atom's <updated>: the article page's dateModified (the last
        publication, or the newest correction)."""
        newest_correction = correction_content.newest_time(item.public_corrections)
        candidates = (date_modified(item), newest_correction)
        return max(value for value in candidates if value)

    def item_categories(self, item):
        return [tagged.tag.name for tagged in item.tagged_items.all()]


class ColumnFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(ColumnPage.objects.live().public(), slug=slug)

    def scope(self, column):
        return ArticlePage.objects.child_of(column)

    def title(self, column):
        return f"{column.title} - {self.site_settings.site_name}"

    def link(self, column):
        return column.url

    def description(self, column):
        return _("The latest articles of the column %(column)s of %(site)s") % {
            "site": self.site_settings.site_name,
            "column": column.title,
        }

    subtitle = description


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def scope(self, author):
        return ArticlePage.objects.filter(pk__in=author.bylines.values("page_id"))

    def title(self, author):
        return f"{author.name} - {self.site_settings.site_name}"

    def link(self, author):
        index = AuthorIndexPage.objects.live().first()
        return index.author_url(author) if index else "/"

    def description(self, author):
        return _("Articles by %(author)s in %(site)s") % {
            "author": author.name,
            "site": self.site_settings.site_name,
        }

    subtitle = description


def atom(feed_class):
    return type(
        f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": AtomWithAuthors}
    )
