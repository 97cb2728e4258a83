"""Search fields whose indexed value is the segmented text (core/segment.py).

Subclassing keeps the field name, so Wagtail still puts `title` in the title
column with its boost; a model method would land in the body column."""

from django.conf import settings
from wagtail.search import index

from core.segment import segment

BACKEND = "search.backend"


def segmentation_enabled() -> bool:
    """Only the database backends need bigrams: after a switch to
    Elasticsearch/OpenSearch (with a Chinese analyzer) fields index as usual."""
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    return backends.get("default", {}).get("BACKEND") == BACKEND


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, list | tuple | set) or hasattr(value, "__iter__"):
        return " ".join(as_text(item) for item in value)
    return str(value)


class SegmentedValueMixin:
    def get_value(self, obj):
        value = super().get_value(obj)
        if not segmentation_enabled():
            return value
        return segment(as_text(value))


class ChineseSearchField(SegmentedValueMixin, index.SearchField):
    pass


class ChineseAutocompleteField(SegmentedValueMixin, index.AutocompleteField):
    pass


def chinese_title_fields(search_fields) -> list:
    """Page.search_fields plus segmented title fields. Page's own title
    fields stay (Wagtail checks every page model keeps them); the title
    column then holds the title as written and its bigrams."""
    return [
        *search_fields,
        ChineseSearchField("title", boost=2),
        ChineseAutocompleteField("title"),
    ]
