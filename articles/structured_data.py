"""schema.org data for an article page: OpinionNewsArticle JSON-LD and the
share image used by Open Graph and Twitter cards."""

from articles.models.authors import author_page_url
from core import structured_data
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
    data = {
        "@context": "https://schema.org",
        "@type": "OpinionNewsArticle",
        "headline": page.title[:HEADLINE_LENGTH],
        "url": absolute(page.url),
        "mainEntityOfPage": absolute(page.url),
        "datePublished": iso_datetime(page.published_at),
        "dateModified": iso_datetime(date_modified(page)),
        "inLanguage": structured_data.page_language(request),
        "author": [
            {
                "@type": "Person",
                "name": byline.author.name,
                "url": absolute(author_page_url(byline.author, request)),
                **({"jobTitle": byline.author.title} if byline.author.title else {}),
            }
            for byline in bylines
        ],
        "publisher": structured_data.publisher(request, site_settings),
        "isPartOf": {
            "@type": "CreativeWorkSeries",
            "name": column.title,
            "url": absolute(column.url),
        },
        "articleSection": column.title,
    }
    if page.standfirst or page.search_description:
        data["description"] = page.search_description or page.standfirst
    data["image"] = [
        absolute(image.url)
        if image is not None
        else structured_data.site_image_url(request)
    ]
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


def author_profile_json_ld(author, request, *, photo=None) -> dict:
    """An author page: a ProfilePage about the Person."""
    url = request.build_absolute_uri(request.path)
    person = {
        "@type": "Person",
        "name": author.name,
        "url": url,
    }
    if author.title:
        person["jobTitle"] = author.title
    if author.bio:
        person["description"] = author.bio
    if photo is not None:
        person["image"] = request.build_absolute_uri(photo.url)
    return {
        "@context": structured_data.CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": structured_data.page_language(request),
        "mainEntity": person,
    }


def article_list_json_ld(articles, request, *, name: str) -> dict:
    """A listing (a column): the ItemList of the articles it shows."""
    return {
        "@context": structured_data.CONTEXT,
        "@type": "ItemList",
        "name": name,
        "url": request.build_absolute_uri(request.get_full_path()),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": request.build_absolute_uri(article.url),
                "name": article.title,
            }
            for position, article in enumerate(articles, start=1)
        ],
    }
