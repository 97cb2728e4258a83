from django.apps import AppConfig


class RecordConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "record"
    verbose_name = "发布存档"

    def ready(self):
        from record import checks, signal_handlers  # noqa: F401

        signal_handlers.connect()
