"""The test suite: fast hasher, local-memory cache and e-mail, no manifest."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = BASE_DIR / "build" / "test-media"  # noqa: F405
ALLOWED_HOSTS = ["*"]
SERVE_MEDIA = True
# Pages are rendered fresh in tests; tests/caching/ turns the page cache on.
PAGE_CACHE_ENABLED = False
RENDER_CACHE_ENABLED = False
# Django's test client logs in without a request, which django-axes refuses;
# the throttling tests switch it on themselves.
AXES_ENABLED = False
# WhiteNoise finds static files through the finders (no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A replica alias that is the test database itself (Django's test MIRROR);
# reads go to it only where tests/ops/test_replica.py sets
# DATABASE_REPLICA_ALIAS.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# Verification codes go to readers.sms.outbox; the phone hash has a fixed key.
READER_SMS_BACKEND = "readers.sms.LocmemBackend"
READER_PHONE_HMAC_KEY = "test-only-phone-key"  # noqa: S105
# Other apps' tests post comments without a verified reader; tests/readers/
# (and the browser test of a verified comment) turn the policy on.
READER_VERIFICATION_REQUIRED_FOR = []
