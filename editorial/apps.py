from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "采编流程"

    def ready(self):
        from editorial import signals

        signals.connect()
