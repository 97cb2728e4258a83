from functools import cached_property

from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from core.listing_counts import cached_count

PER_PAGE = 20
MAX_PAGE_DIGITS = 6


class ListingPaginator(Paginator):
    """A Paginator whose database lists are counted once per change
    (core/listing_counts.py). A list with a `name` (the same items for every
    reader, such as a column's) is also rendered once per change: templates
    key their fragment cache on it; a list without one (search results) is
    never cached."""

    def __init__(self, object_list, per_page, *, name: str | None = None):
        super().__init__(object_list, per_page)
        self.name = name

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return cached_count(self.object_list, self.name)
        return super().count


def page_number(raw: str) -> int | None:
    """?page= as a number, or None for anything that is not one (letters,
    Unicode digits such as ², more digits than any list has pages)."""
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS:
        return int(raw)
    return None


def paginate(request, items, per_page: int = PER_PAGE, *, name: str | None = None):
    """The page of items that ?page= asks for.

    Missing means page 1. Anything else that is not a page of this list
    (letters, 0, negative, past the end) is a 404: one URL per page, no
    duplicate "page 1" under endless junk addresses, and never a 500."""
    number = page_number(request.GET.get("page", "1"))
    if number is None:
        raise Http404(_("Invalid page number"))
    try:
        return ListingPaginator(items, per_page, name=name).page(number)
    except EmptyPage as error:
        raise Http404(_("There is no such page")) from error
