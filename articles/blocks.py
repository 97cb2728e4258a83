"""The blocks an article body is made of: one named StreamBlock per body type."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

INLINE_FEATURES = ["bold", "italic", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", INLINE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "段落"
        template = "components/streamfield/_paragraph_block.html"
        preview_value = "<p>基层服务的好坏,群众心里有一杆秤。</p>"
        description = "普通正文段落"


class ThesisParagraphBlock(blocks.StructBlock):
    lead = blocks.CharBlock(
        label="论点",
        max_length=120,
        help_text="段首加粗的论点句,如:推动“开门纳谏”,拓宽“民意渠道”。",
    )
    text = blocks.TextBlock(label="正文")

    class Meta:
        icon = "bold"
        label = "论点段落"
        template = "components/streamfield/_thesis_paragraph_block.html"
        preview_value = {
            "lead": "坚持问题导向,提升服务效能。",
            "text": "把群众反映最集中的问题列成清单,逐项销号。",
        }
        description = "以加粗论点开头的段落"


class SubheadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    class Meta:
        icon = "title"
        label = "小标题"
        template = "components/streamfield/_subheading_block.html"
        preview_value = "让服务跑在需求前面"
        description = "正文中的小标题(二级标题)"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="引文")
    attribution = blocks.CharBlock(label="出处", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "引文"
        template = "components/streamfield/_quote_block.html"
        preview_value = {
            "text": "不积跬步,无以至千里。",
            "attribution": "《荀子·劝学》",
        }
        description = "引语、诗句或名言"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "图片"
        template = "components/streamfield/_image_block.html"
        description = "带说明的图片;替代文字必填,或标记为装饰性图片"


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label="编号列表", required=False)
    items = blocks.ListBlock(
        blocks.CharBlock(label="条目", max_length=500), label="条目"
    )

    class Meta:
        icon = "list-ul"
        label = "列表"
        template = "components/streamfield/_list_block.html"
        preview_value = {"ordered": True, "items": ["受理", "办理", "回复"]}
        description = "编号或圆点列表"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    thesis = ThesisParagraphBlock()
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    list = ListBlock()

    class Meta:
        label = "正文"
        icon = "doc-full"
