from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "corrections"
    verbose_name = _("Corrections and updates")

    def ready(self):
        from articles.models import ArticlePage
        from corrections.content import record_metadata
        from record import registry

        # Each entry of an article's record lists its public corrections.
        registry.register(ArticlePage, record_metadata)
