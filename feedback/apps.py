from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = "读者反馈"

    def ready(self):
        from feedback import signals

        signals.connect()
