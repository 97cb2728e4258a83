from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "record"
    verbose_name = _("The record")

    def ready(self):
        from record import checks, signal_handlers  # noqa: F401

        signal_handlers.connect()
