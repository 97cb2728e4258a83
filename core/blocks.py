from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from core.validators import validate_link


class SafeURLMixin:
    """The url field holds a site path or an http(s)/mailto/tel address,
    never a javascript: URL (checked in clean(), so no migration)."""

    def clean(self, value):
        value = super().clean(value)
        if value.get("url"):
            try:
                validate_link(value["url"])
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"url": error}) from None
        return value


class LinkBlock(SafeURLMixin, blocks.StructBlock):
    label = blocks.CharBlock(label="文字", max_length=40)
    url = blocks.CharBlock(
        label="链接",
        max_length=255,
        help_text="站内路径(如 /about/)或完整网址",
    )

    class Meta:
        icon = "link"
        label = "链接"
        template = "components/streamfield/_link_block.html"
        preview_value = {"label": "关于我们", "url": "/"}
        form_classname = "link-block"


class LicenceBlock(SafeURLMixin, blocks.StructBlock):
    label = blocks.CharBlock(
        label="名称", max_length=40, help_text="如:备案号、新闻许可证"
    )
    number = blocks.CharBlock(label="编号", max_length=80)
    url = blocks.CharBlock(label="查询链接", max_length=255, required=False)

    class Meta:
        icon = "doc-full"
        label = "许可证/备案"
        template = "components/streamfield/_licence_block.html"
        preview_value = {"label": "备案号", "number": "示例ICP备00000000号", "url": ""}


class LinkListBlock(blocks.StreamBlock):
    link = LinkBlock()

    class Meta:
        icon = "list-ul"
        label = "链接列表"


class LicenceListBlock(blocks.StreamBlock):
    licence = LicenceBlock()

    class Meta:
        icon = "list-ul"
        label = "许可证与备案列表"
