from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site common")

    def ready(self):
        from core import listing_counts
        from core.models import terms

        listing_counts.connect()
        terms.connect()
