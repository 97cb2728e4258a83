"""schema.org data for an article page: OpinionNewsArticle JSON-LD and the
share image used by Open Graph and Twitter cards."""

from articles.models.authors import author_page_url
from core.templatetags.news_tags import iso_datetime

SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"
HEADLINE_LENGTH = 110


def share_image(page):
    """The lead image cut to 1200×630, the size Open Graph readers expect."""
    if not page.lead_image_id:
        return None
    return page.lead_image.get_rendition(SHARE_IMAGE_FILTER)


def date_modified(page):
    candidates = [page.published_at, page.last_published_at]
    return max(value for value in candidates if value)


def article_json_ld(
    page, request, *, column, bylines, tags, image, site_settings
) -> dict:
    absolute = request.build_absolute_uri
    publisher_name = site_settings.publisher or site_settings.site_name
    data = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": page.title[:HEADLINE_LENGTH],
        "url": absolute(page.url),
        "mainEntityOfPage": absolute(page.url),
        "datePublished": iso_datetime(page.published_at),
        "dateModified": iso_datetime(date_modified(page)),
        "inLanguage": "zh-Hans",
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": absolute(author_page_url(byline.author, request)),
                **({"jobTitle": byline.author.title} if byline.author.title else {}),
            }
            for byline in bylines
        ],
        "publisher": {
            "@type": "Organization",
            "name": publisher_name,
            "url": absolute("/"),
        },
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": column.title,
            "url": absolute(column.url),
        },
        "articleSection": column.title,
    }
    if page.standfirst or page.search_description:
        data["description"] = page.search_description or page.standfirst
    if image is not None:
        data["image"] = [absolute(image.url)]
    if tags:
        data["keywords"] = [tag.name for tag in tags]
    if page.is_reprint:
        data["isBasedOn"] = original_work(page)
    return data


def original_work(page) -> dict:
    """A reprint's original: its title, author, link, time and outlet."""
    work = {"@type": "CreativeWork", "name": page.original_title}
    if page.original_author:
        work["author"] = {"@type": "Person", "name": page.original_author}
    if page.original_url:
        work["url"] = page.original_url
    if page.original_published_at:
        work["datePublished"] = iso_datetime(page.original_published_at)
    if page.source_id:
        source = page.source
        work["publisher"] = {"@type": "Organization", "name": source.name}
        if source.url:
            work["publisher"]["url"] = source.url
    return work
