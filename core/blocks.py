from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
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
    label = blocks.CharBlock(label=_("Text"), max_length=40)
    url = blocks.CharBlock(
        label=_("Link"),
        max_length=255,
        help_text=_("A path on this site (such as /about/) or a full web address"),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        template = "components/streamfield/_link_block.html"
        preview_value = {"label": "关于我们", "url": "/"}
        form_classname = "link-block"


class LicenceBlock(SafeURLMixin, blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Name"),
        max_length=40,
        help_text=_("Such as: ICP filing number, news licence"),
    )
    number = blocks.CharBlock(label=_("Number"), max_length=80)
    url = blocks.CharBlock(label=_("Lookup link"), max_length=255, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Licence / filing")
        template = "components/streamfield/_licence_block.html"
        preview_value = {"label": "备案号", "number": "示例ICP备00000000号", "url": ""}


class LinkListBlock(blocks.StreamBlock):
    link = LinkBlock()

    class Meta:
        icon = "list-ul"
        label = _("Link list")


class LicenceListBlock(blocks.StreamBlock):
    licence = LicenceBlock()

    class Meta:
        icon = "list-ul"
        label = _("Licences and filings")
