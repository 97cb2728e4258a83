from wagtail.models import Page, PageViewRestriction

from core.search_fields import chinese_title_fields


class BasePage(Page):
    """Fields and behaviour every public page shares (SEO, listing)."""

    search_fields = chinese_title_fields(Page.search_fields)

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description

    def get_view_restrictions(self):
        """Wagtail's check (restrictions on this page or an ancestor) in one
        query instead of two (the ancestors are a subquery), for a page that
        is not an alias; aliases resolve to their source pages as Wagtail does.
        A page the route cache (core/routing.py) found unrestricted needs no
        query at all: a restriction change renews that cache."""
        if getattr(self, "_known_unrestricted", False):
            return PageViewRestriction.objects.none()
        if self.alias_of_id:
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(
            page__in=self.get_ancestors(inclusive=True)
        )
