from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site common")

    def ready(self):
        from django.contrib.auth import get_user_model

        from core import listing_counts, render_cache
        from core.models import terms
        from core.people import use_family_name_first

        listing_counts.connect()
        render_cache.connect()
        terms.connect()
        use_family_name_first(get_user_model())
