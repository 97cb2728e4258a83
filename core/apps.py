from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "站点公共"

    def ready(self):
        from core import listing_counts
        from core.models import terms

        listing_counts.connect()
        terms.connect()
