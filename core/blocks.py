from wagtail import blocks


class LinkBlock(blocks.StructBlock):
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


class LicenceBlock(blocks.StructBlock):
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
