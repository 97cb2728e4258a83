from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "整页缓存"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401

        signal_handlers.connect()
