from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from core.blocks import LicenceListBlock, LinkListBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Everything in the site's header and footer, editable by site admins."""

    site_name = models.CharField(_("site name"), max_length=60, default="时评")
    hotline = models.CharField(_("news hotline"), max_length=40, blank=True)
    header_links = StreamField(
        LinkListBlock(),
        blank=True,
        verbose_name=_("header links"),
        help_text=_("Such as: the newspaper group, the mobile site"),
    )
    footer_links = StreamField(
        LinkListBlock(), blank=True, verbose_name=_("footer links")
    )
    copyright_notice = models.CharField(
        _("copyright notice"), max_length=255, blank=True
    )
    publisher = models.CharField(_("publisher"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    licences = StreamField(
        LicenceListBlock(), blank=True, verbose_name=_("licences and filings")
    )
    default_source = models.ForeignKey(
        "articles.Source",
        verbose_name=_("default source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when an article has no source (usually this site)"),
    )
    feed_full_text = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_(
            "If ticked, the RSS/Atom feeds give each article's full text; "
            "otherwise only the standfirst"
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("hotline"),
                FieldPanel("header_links"),
            ],
            heading=_("Header"),
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
            heading=_("Footer"),
        ),
    ]

    # Every page reads these: kept in the cache (Redis in production), so a
    # page render needs no query for them; saving drops the cached copy.
    select_related = ["default_source"]
    cache_seconds = 600

    class Meta:
        verbose_name = _("site settings")

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
