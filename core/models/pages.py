from wagtail.models import Page

from search.index import chinese_title_fields


class BasePage(Page):
    """Fields and behaviour every public page shares (SEO, listing)."""

    search_fields = chinese_title_fields(Page.search_fields)

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description
