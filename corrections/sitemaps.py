"""/sitemap.xml: Wagtail's pages, then the corrections pages once there is
something on them (/corrections/ and each column's with public corrections,
last modified at their newest correction). One sitemap rather than a second
section, so that a site without corrections sends the same sitemap, with
its Last-Modified, as before."""

from django.db.models import Max
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from corrections.models import Correction


def corrections_pages() -> list[tuple[str, object]]:
    """(path, newest correction time) of each corrections page to list."""
    newest = list(
        Correction.objects.public()
        .values("article__listed_column__slug")
        .annotate(newest=Max("published_at"))
        .order_by("article__listed_column__slug")
    )
    if not newest:
        return []
    pages = [(reverse("corrections:index"), max(row["newest"] for row in newest))]
    pages += [
        (
            reverse("corrections:column", kwargs={"slug": slug}),
            row["newest"],
        )
        for row in newest
        if (slug := row["article__listed_column__slug"])
    ]
    return pages


class PagesAndCorrectionsSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if int(page) != 1:
            return urls
        extra = [
            {"location": f"{protocol}://{domain}{path}", "lastmod": newest}
            for path, newest in corrections_pages()
        ]
        if extra and getattr(self, "latest_lastmod", None) is not None:
            self.latest_lastmod = max(
                self.latest_lastmod, *(url["lastmod"] for url in extra)
            )
        return urls + extra
