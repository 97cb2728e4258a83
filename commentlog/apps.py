from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentLogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commentlog"
    verbose_name = _("Comment operations log")

    def ready(self):
        from commentlog import checks  # noqa: F401
