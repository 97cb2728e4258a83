from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Columns and articles")

    def ready(self):
        from articles import record, signals

        signals.connect()
        # Every publication of an article is archived (record/).
        record.register()
