"""Production: refuses to start with an unsafe configuration, and passes
`manage.py check --deploy` without warnings once its environment is set
(docs/deploy.md lists the variables)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

# Only what the environment names: base.py's localhost default is for dev.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if SECRET_KEY.startswith("insecure-"):  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY: production refuses the default key.")
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DEBUG must be off in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS: production refuses an empty list.")

# Persistent connections; base.py turns on health checks, so a connection
# that died with a database restart is replaced on the next request.
for alias in DATABASES:  # noqa: F405 - the primary, and the replica if any
    DATABASES[alias]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)  # noqa: F405

# --- HTTPS (nginx terminates TLS and sets X-Forwarded-Proto) -----------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The header only makes the domain eligible; listing it is a manual step at
# hstspreload.org. Turn off if any subdomain must stay on plain HTTP.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSP_POLICIES = [CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY]  # noqa: F405
for policy in CSP_POLICIES:
    policy["DIRECTIVES"]["upgrade-insecure-requests"] = True

# --- Media: local disk (nginx serves MEDIA_ROOT) or S3-compatible storage ----
if env_str("MEDIA_STORAGE", "local") == "s3":
    # django-storages; needs boto3 (pip install -r requirements-s3.txt) and
    # AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment.
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    if env_str("S3_CUSTOM_DOMAIN"):
        MEDIA_URL = f"https://{env_str('S3_CUSTOM_DOMAIN')}/"
    elif env_str("S3_ENDPOINT_URL"):
        MEDIA_URL = f"{env_str('S3_ENDPOINT_URL').rstrip('/')}/{env_str('S3_BUCKET')}/"
    media = urlsplit(MEDIA_URL)
    for policy in CSP_POLICIES:
        for directive in ("img-src", "media-src"):
            policy["DIRECTIVES"][directive].append(f"{media.scheme}://{media.netloc}")

# --- E-mail -------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

# --- Logs: one JSON object per line on stdout (journald / the log shipper) ---
LOGGING["formatters"] = {  # noqa: F405
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        "json_ensure_ascii": False,
    }
}
LOGGING["handlers"]["console"] = {  # noqa: F405
    "class": "logging.StreamHandler",
    "stream": "ext://sys.stdout",
    "formatter": "json",
}

# --- Scheduled jobs (manage.py run_scheduler, one per site) -------------------
SCHEDULED_COMMANDS = [  # noqa: F405
    *SCHEDULED_COMMANDS,  # noqa: F405
    {"command": "check_content", "every": env_int("CONTENT_CHECK_EVERY", 86400)},
]
if env_str("BACKUP_DIR"):
    SCHEDULED_COMMANDS.append(
        {
            "command": "backup_site",
            "args": [
                "--into",
                env_str("BACKUP_DIR"),
                "--keep",
                "14",
                # Off: media in a versioned S3 bucket keep their own history.
                *([] if env_bool("BACKUP_MEDIA", True) else ["--no-media"]),
            ],
            "every": 86400,
        }
    )
