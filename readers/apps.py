from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "readers"
    verbose_name = _("Verified readers")

    def ready(self):
        from readers import checks  # noqa: F401  (registers the system checks)
