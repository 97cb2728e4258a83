"""The blocks an article body is made of: one named StreamBlock per body type.

Each block also says how it reads outside a page, from its stored (raw JSON)
value, so that search listings and feeds render no template and fetch no
image (no query per article):

- plain_text(value): its words for the search excerpt, without markup
  ("" for a block with no words to read, such as an image);
- feed_html(value): the block as plain HTML for feed readers.

ArticleBodyBlock walks a whole body with them (plain_text, feed_html), and
its texts() are what the pre-approval check screens: Wagtail's own
get_searchable_content, one string per field, so that a term cannot run from
one field into the next, with image alt text and captions included and rich
text as Wagtail indexes it (entities decoded)."""

from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import expand_db_html

from core.text import join_words

INLINE_FEATURES = ["bold", "italic", "link"]


def stored_text(value) -> str:
    """A stored value's words without markup; a struct's filled-in fields
    are joined by spaces."""
    if isinstance(value, dict):
        value = join_words(strip_tags(str(item)) for item in value.values() if item)
    return strip_tags(str(value))


# Each Meta's preview_value is sample content of a Chinese newsroom (data,
# like the demo articles), not an interface string.
class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", INLINE_FEATURES)
        super().__init__(**kwargs)

    def plain_text(self, value) -> str:
        return stored_text(value)

    def feed_html(self, value) -> str:
        """The stored rich text with its links and embeds expanded."""
        return expand_db_html(value)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/streamfield/_paragraph_block.html"
        preview_value = "<p>基层服务的好坏,群众心里有一杆秤。</p>"
        description = _("An ordinary paragraph of body text")


class ThesisParagraphBlock(blocks.StructBlock):
    lead = blocks.CharBlock(
        label=_("Thesis"),
        max_length=120,
        help_text=_("The thesis sentence set in bold at the start of the paragraph."),
    )
    text = blocks.TextBlock(label=_("Body text"))

    def plain_text(self, value) -> str:
        return stored_text(value)

    def feed_html(self, value) -> str:
        return format_html(
            "<p><strong>{}</strong>{}</p>", value.get("lead", ""), value.get("text", "")
        )

    class Meta:
        icon = "bold"
        label = _("Thesis paragraph")
        template = "components/streamfield/_thesis_paragraph_block.html"
        preview_value = {
            "lead": "坚持问题导向,提升服务效能。",
            "text": "把群众反映最集中的问题列成清单,逐项销号。",
        }
        description = _("A paragraph that opens with a thesis in bold")


class SubheadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    def plain_text(self, value) -> str:
        return stored_text(value)

    def feed_html(self, value) -> str:
        return format_html("<h2>{}</h2>", value)

    class Meta:
        icon = "title"
        label = _("Subheading")
        template = "components/streamfield/_subheading_block.html"
        preview_value = "让服务跑在需求前面"
        description = _("A subheading within the body (a level-2 heading)")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), required=False, max_length=120
    )

    def plain_text(self, value) -> str:
        return stored_text(value)

    def feed_html(self, value) -> str:
        cite = value.get("attribution", "")
        return format_html(
            "<blockquote><p>{}</p>{}</blockquote>",
            value.get("text", ""),
            format_html("<footer>{}</footer>", cite) if cite else "",
        )

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "components/streamfield/_quote_block.html"
        preview_value = {
            "text": "不积跬步,无以至千里。",
            "attribution": "《荀子·劝学》",
        }
        description = _("A quotation, a line of verse or a saying")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Image caption"), required=False, max_length=255)

    def plain_text(self, value) -> str:
        """No words in an excerpt: the caption describes the picture."""
        return ""

    def feed_html(self, value) -> str:
        """The caption in place of the picture (no rendition is made)."""
        caption = value.get("caption", "")
        if not caption:
            return ""
        # The feed is read in the public language (feeds are public pages).
        text = gettext("[Image] %(caption)s") % {"caption": caption}
        return format_html("<p><em>{}</em></p>", text)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/streamfield/_image_block.html"
        description = _(
            "An image with a caption; alt text is required, or mark the image as "
            "decorative"
        )


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label=_("Numbered list"), required=False)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=500), label=_("Items")
    )

    @staticmethod
    def stored_items(value) -> list[str]:
        """The stored items: plain strings, or {"value": …} dicts."""
        return [
            item.get("value", "") if isinstance(item, dict) else item
            for item in value.get("items", [])
        ]

    def plain_text(self, value) -> str:
        return join_words(strip_tags(item) for item in self.stored_items(value))

    def feed_html(self, value) -> str:
        tag = "ol" if value.get("ordered") else "ul"
        items = format_html_join(
            "", "<li>{}</li>", ((item,) for item in self.stored_items(value))
        )
        return f"<{tag}>{items}</{tag}>"

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "components/streamfield/_list_block.html"
        preview_value = {"ordered": True, "items": ["受理", "办理", "回复"]}
        description = _("A numbered or bulleted list")


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    thesis = ThesisParagraphBlock()
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    list = ListBlock()

    def stored_blocks(self, body):
        """(block, stored value) for each block of a body (a StreamValue),
        read from its raw data; a type this stream no longer has is left out."""
        for data in body.raw_data:
            block = self.child_blocks.get(data.get("type"))
            if block is not None:
                yield block, data.get("value")

    def plain_text(self, body) -> str:
        """The body's words, block after block: what search excerpts quote."""
        texts = (block.plain_text(value) for block, value in self.stored_blocks(body))
        return join_words(texts)

    def feed_html(self, body) -> str:
        """The body as plain HTML for feed readers."""
        return "".join(
            block.feed_html(value) for block, value in self.stored_blocks(body)
        )

    def texts(self, body):  # -> list[str]; `list` here is the block above
        """Every text in the body, one string per field (rich text without
        its markup, image alt text and captions included): what the
        pre-approval check screens for blocked terms."""
        return [str(text) for text in self.get_searchable_content(body)]

    class Meta:
        label = _("Body")
        icon = "doc-full"
