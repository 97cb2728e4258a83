from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.blocks import LicenceListBlock, LinkListBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Everything in the site's header and footer, editable by site admins."""

    site_name = models.CharField("网站名称", max_length=60, default="时评")
    hotline = models.CharField("新闻热线", max_length=40, blank=True)
    header_links = StreamField(
        LinkListBlock(),
        blank=True,
        verbose_name="页眉链接",
        help_text="如:数字报系、移动端",
    )
    footer_links = StreamField(LinkListBlock(), blank=True, verbose_name="页脚链接")
    copyright_notice = models.CharField("版权声明", max_length=255, blank=True)
    publisher = models.CharField("制作单位", max_length=120, blank=True)
    address = models.CharField("地址", max_length=255, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    licences = StreamField(LicenceListBlock(), blank=True, verbose_name="备案与许可证")
    default_source = models.ForeignKey(
        "articles.Source",
        verbose_name="默认来源",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="文章未选来源时显示(通常是本网)",
    )
    feed_full_text = models.BooleanField(
        "订阅源输出全文",
        default=False,
        help_text="勾选则 RSS/Atom 订阅源给出文章全文,否则只给导语摘要",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("hotline"),
                FieldPanel("header_links"),
            ],
            heading="页眉",
        ),
        FieldPanel("default_source"),
        FieldPanel("feed_full_text"),
        MultiFieldPanel(
            [
                FieldPanel("footer_links"),
                FieldPanel("copyright_notice"),
                FieldPanel("publisher"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("licences"),
            ],
            heading="页脚",
        ),
    ]

    class Meta:
        verbose_name = "站点设置"

    def __str__(self):
        return self.site_name
