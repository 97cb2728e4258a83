from wagtail.models import Page, PageViewRestriction

from search.index import chinese_title_fields


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
        query instead of two, for a page that is not an alias; aliases
        resolve to their source pages as Wagtail does."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(page__path__in=paths)
