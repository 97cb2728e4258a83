from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "corrections"
    verbose_name = "更正与追记"

    def ready(self):
        from articles.models import ArticlePage
        from corrections.content import record_metadata
        from record import registry

        # Each entry of an article's record lists its public corrections.
        registry.register(ArticlePage, record_metadata)
