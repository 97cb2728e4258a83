"""Local development: debug pages, console e-mail."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
SERVE_MEDIA = True
# Templates change under a developer's hands, and `make run`'s scheduler is
# another process that cannot purge this one's local memory.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)
RENDER_CACHE_ENABLED = env_bool("RENDER_CACHE_ENABLED", False)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Verification codes are printed in the server's output.
READER_SMS_BACKEND = "readers.sms.ConsoleBackend"
