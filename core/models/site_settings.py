from django.core.cache import cache
from django.db import models, transaction
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

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

    # Every page reads these: kept in the cache (Redis in production), so a
    # page render needs no query for them; saving drops the cached copy.
    select_related = ["default_source"]
    cache_seconds = 600

    class Meta:
        verbose_name = "站点设置"

    def __str__(self):
        return self.site_name

    @staticmethod
    def cache_key(site_id) -> str:
        return f"site-settings:{site_id}"

    @classmethod
    def for_request(cls, request):
        """Wagtail's for_request, reading through the cache. Only pages being
        rendered read the cached copy; for_site() (editing) reads the row."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        key = cls.cache_key(site.pk)
        settings = cache.get(key)
        if settings is None:
            settings = cls.for_site(site)
            cache.set(key, settings, cls.cache_seconds)
        settings._request = request
        setattr(request, attr_name, settings)
        return settings

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget_cached()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget_cached()
        return result

    def forget_cached(self) -> None:
        # Now, and again once committed: a page rendered in between may
        # have put the old settings back.
        key = self.cache_key(self.site_id)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
