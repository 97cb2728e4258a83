from wagtail.models import Page


class BasePage(Page):
    """Fields and behaviour every public page shares (SEO, listing)."""

    class Meta:
        abstract = True

    @property
    def meta_description(self) -> str:
        return self.search_description
