"""What the record (record/) keeps of an article besides its HTML: what a
reader is shown of it, as plain data the versions can be compared by."""

from articles.models import ArticlePage
from core.models import SiteSettings
from core.templatetags.news_tags import iso_datetime
from record import registry


def body_paragraphs(page) -> list[str]:
    """The body's words, one string per block (articles/blocks.py)."""
    stream = page.body.stream_block
    texts = (
        block.plain_text(value) for block, value in stream.stored_blocks(page.body)
    )
    return [text for text in texts if text]


def article_metadata(page) -> dict:
    column = page.column
    site = page.get_site()
    source = page.source if page.source_id else None
    if source is None and site is not None:
        source = SiteSettings.for_site(site).default_source
    bylines = page.bylines.select_related("author", "role")
    return {
        "column": column.title,
        "kicker": page.effective_kicker(column),
        "title": page.title,
        "standfirst": page.standfirst,
        "date": iso_datetime(page.published_at),
        "source": source.name if source else "",
        "bylines": [f"{byline.role.name} {byline.author.name}" for byline in bylines],
        "body": body_paragraphs(page),
        "disclaimer": page.effective_disclaimer(column),
        "responsible_editor": page.responsible_editor_name,
        "tags": sorted(tag.name for tag in page.tags.all()),
    }


def register() -> None:
    registry.register(ArticlePage, article_metadata)
