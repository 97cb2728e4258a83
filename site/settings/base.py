"""Settings shared by every environment. Safe for production: DEBUG is off and
everything that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str, renamed

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-dev-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "articles",
    "record",
    "corrections",
    "commentlog",
    "editorial",
    "feedback",
    "readers",
    "demo",
    "ops",
    "security",
    "search",
    "feeds",
    "caching",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # Whole pages for anonymous readers, first of all (caching/middleware.py):
    # a hit skips every other middleware, and a page is stored with the
    # headers they all added (security, CSP, Permissions-Policy, ETag).
    "caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "security.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # ETag and 304 answers for every page rendered (a cached page's are
    # answered by the page cache).
    "django.middleware.http.ConditionalGetMiddleware",
    # Which database this request reads from (ops/replica.py): before
    # anything that may read.
    "ops.replica.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The admin follows each user's language, readers get PUBLIC_LANGUAGES.
    "core.language.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "security.middleware.RejectInvalidEncodingMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "security.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Review actions say what happened ("复审已通过，进入终审"): editorial/outcomes.py
    "editorial.outcomes.ReviewOutcomeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.script_variant.ScriptVariantMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# A PostgreSQL streaming replica, optional: anonymous readers' page reads go
# there, everything else (the admin, every write, a browser that just wrote)
# to the primary (ops/replica.py). A replica more than
# DATABASE_REPLICA_MAX_LAG seconds behind, or down, is left alone (checked at
# most every DATABASE_REPLICA_CHECK_SECONDS); a browser that wrote reads from
# the primary for DATABASE_REPLICA_PIN_SECONDS.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
DATABASE_REPLICA_ALIAS = "replica" if DATABASE_REPLICA_URL else ""
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"].endswith("postgresql"):
        # A replica that is away must not keep a reader waiting.
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
DATABASE_ROUTERS = ["ops.replica.PrimaryReplicaRouter"]
DATABASE_REPLICA_MAX_LAG = env_int("DATABASE_REPLICA_MAX_LAG", 5)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _cache_from_env() -> dict:
    redis_url = env_str("REDIS_URL")
    if redis_url:
        # django-redis, made to treat Redis as optional (ops/cache.py): with
        # Redis down, reads miss and writes are dropped (and logged) instead
        # of raising, so pages are still served, just uncached.
        return {
            "BACKEND": "ops.cache.ResilientRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def _page_cache_from_env() -> dict:
    """Whole pages (caching/): the same Redis under its own prefix, or a
    local-memory cache big enough for a site's worth of pages."""
    cache = _cache_from_env()
    if "LocMemCache" in cache["BACKEND"]:
        return {**cache, "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 5000}}
    return {**cache, "KEY_PREFIX": f"{cache.get('KEY_PREFIX', '')}-pages"}


CACHES = {"default": _cache_from_env(), "pages": _page_cache_from_env()}

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out address never reaches the password check (and
    # a ModelBackend itself, so force_login and sessions work through it).
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The languages readers may get public pages in, the default first; with one,
# every public page is in it whatever Accept-Language says, and the page
# caches do not key on the language (core/language.py). The admin offers
# every one of LANGUAGES.
PUBLIC_LANGUAGES = ["zh-hans"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The Chinese strings Wagtail's own zh_Hans catalog lacks, and corrections of
# its wording: catalogs here win over every app's (docs/development.md#translations).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names and pre-compressed copies, served by WhiteNoise with
        # far-future expiry.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Wagtail
WAGTAILADMIN_PATH = env_str("WAGTAILADMIN_PATH", "admin/").strip("/") + "/"
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "时评")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILIMAGES_IMAGE_MODEL = "core.NewsImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# Chinese search: the database backend Wagtail picks, wrapped to match
# character bigrams (search/backend.py; docs/search.md for Elasticsearch).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
# Review e-mails go to the reviewers of each step and to the writer, not to
# every superuser on every step.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool(
    "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False
)

# Periodic jobs run by `manage.py run_scheduler` (started by `make run` and
# by the production set-up): {"command": name, "args": [...], "every": seconds}.
SCHEDULED_COMMANDS = [
    {"command": "publish_scheduled", "every": 60},
    {"command": "expire_lead_story", "every": 60},
    {"command": "close_unrated_feedback", "every": 3600},
    {"command": "erase_feedback_contacts", "every": 3600},
    {"command": "purge_feedback_spam", "every": 3600},
    {"command": "purge_comment_log", "every": 86400},
    # Purges a front cache missed (caching/retry.py).
    {"command": "retry_purges", "every": 15},
]

# Request safety (security/). Behind a reverse proxy, name the header it
# sets with the client's address and, ideally, the proxy's own addresses:
# TRUSTED_PROXY_HEADER=X-Forwarded-For TRUSTED_PROXIES=10.0.0.5
# (FEEDBACK_TRUSTED_PROXY_HEADER / FEEDBACK_TRUSTED_PROXIES still read, with a
# deprecation warning.)
TRUSTED_PROXY_HEADER = env_str(
    renamed("TRUSTED_PROXY_HEADER", old="FEEDBACK_TRUSTED_PROXY_HEADER")
)
TRUSTED_PROXIES = env_list(renamed("TRUSTED_PROXIES", old="FEEDBACK_TRUSTED_PROXIES"))
# The admin's password reset, (requests, seconds): per e-mail address asked
# for, and per address it is asked from (IPv6 by /64). Past either, the page
# answers the same and no e-mail is sent (security/forms.py).
PASSWORD_RESET_RATE_LIMIT_PER_EMAIL = (3, 3600)
PASSWORD_RESET_RATE_LIMIT_PER_IP = (10, 3600)

# Corrections (更正) and updates (追记) to published articles (corrections/):
# the role group whose members (on the article's column) approve them; by
# default the 初审 step's, 编辑. `setup_newsroom` grants it the permission.
CORRECTIONS_APPROVER_ROLE = env_str("CORRECTIONS_APPROVER_ROLE", "编辑")

# The record (发布存档, record/): every published version of an article is
# kept at least this many days after the article is retracted or taken down
# (never less than 183: a system check refuses it).
RECORD_RETENTION_DAYS = env_int("RECORD_RETENTION_DAYS", 183)

# Reader feedback: every setting and its default.
# The form
FEEDBACK_MESSAGE_MAX_LENGTH = 2000
FEEDBACK_MIN_FILL_SECONDS = 3
FEEDBACK_FORM_MAX_AGE = 2 * 24 * 3600
# Screening; limits are (requests, seconds)
FEEDBACK_RATE_LIMIT_ENABLED = True
# Well-formed submissions, per address (IPv6 by /64) and per article; then
# anything else (invalid, honeypot, too fast) per address, on its own.
FEEDBACK_RATE_LIMIT_PER_IP = (10, 600)
FEEDBACK_RATE_LIMIT_PER_ARTICLE = (120, 3600)
FEEDBACK_RATE_LIMIT_INVALID_PER_IP = (30, 600)
FEEDBACK_LOOKUP_RATE_LIMIT_PER_IP = (30, 600)
FEEDBACK_REPORT_RATE_LIMIT_PER_IP = (10, 3600)
FEEDBACK_HOLD_LINK_COUNT = 2
FEEDBACK_DUPLICATE_WINDOW = 24 * 3600
# Lifecycle
FEEDBACK_ACCEPT_WORKING_DAYS = env_int("FEEDBACK_ACCEPT_WORKING_DAYS", 1)
FEEDBACK_REPLY_WORKING_DAYS = env_int("FEEDBACK_REPLY_WORKING_DAYS", 5)
# ISO dates: regional holidays, and make-up working days (a working Saturday)
FEEDBACK_EXTRA_HOLIDAYS = env_list("FEEDBACK_EXTRA_HOLIDAYS")
FEEDBACK_EXTRA_WORKDAYS = env_list("FEEDBACK_EXTRA_WORKDAYS")
FEEDBACK_AUTO_CLOSE_DAYS = env_int("FEEDBACK_AUTO_CLOSE_DAYS", 7)
FEEDBACK_MAX_REOPENS = 2
FEEDBACK_SHOW_STAFF_NAMES = env_bool("FEEDBACK_SHOW_STAFF_NAMES", False)
# Privacy
FEEDBACK_ERASE_CONTACT_DAYS = env_int("FEEDBACK_ERASE_CONTACT_DAYS", 30)
FEEDBACK_PURGE_SPAM_DAYS = env_int("FEEDBACK_PURGE_SPAM_DAYS", 30)
# The comment operations log (commentlog/): kept at least 180 days (网络安全法
# art. 21: six months); longer if set, never shorter (a system check refuses).
COMMENT_LOG_RETENTION_DAYS = env_int("COMMENT_LOG_RETENTION_DAYS", 180)
# Public pages
FEEDBACK_PUBLIC_PER_PAGE = 10
# The comment community (docs/feedback.md#the-comment-community): likes per
# verified reader and per address (IPv6 by /64), (likes, seconds); reports
# from this many different verified readers within the seconds hide a
# comment until staff review it.
FEEDBACK_LIKE_RATE_LIMIT_PER_READER = (30, 600)
FEEDBACK_LIKE_RATE_LIMIT_PER_IP = (60, 600)
FEEDBACK_REPORT_HIDE_AFTER = (
    env_int("FEEDBACK_REPORT_HIDE_AFTER", 5),
    env_int("FEEDBACK_REPORT_HIDE_WINDOW", 24 * 3600),
)

# Verified commenters (readers/): 后台实名、前台自愿. Which kinds of feedback
# need a reader verified by SMS: "comment" (public comments, the default);
# complaints, suggestions and corrections stay open to unverified readers,
# who may leave a contact. Add kinds to require it for them too.
READER_VERIFICATION_REQUIRED_FOR = env_list(
    "READER_VERIFICATION_REQUIRED_FOR", ["comment"]
)
# The key of the keyed hash (HMAC-SHA256) a verified phone number is stored
# as. Set it in the environment, apart from SECRET_KEY, and never change it:
# the hashes of numbers already verified would no longer match.
READER_PHONE_HMAC_KEY = env_str("READER_PHONE_HMAC_KEY")
# Where verification codes go: readers.sms.ConsoleBackend (printed in the
# server's output), readers.sms.FileBackend (READER_SMS_FILE), or
# readers.aliyun.AliyunSmsBackend (READER_SMS_ALIYUN_*: docs/feedback.md).
READER_SMS_BACKEND = env_str("READER_SMS_BACKEND", "readers.sms.ConsoleBackend")
READER_SMS_FILE = env_str("READER_SMS_FILE")
READER_SMS_ALIYUN_ACCESS_KEY_ID = env_str("READER_SMS_ALIYUN_ACCESS_KEY_ID")
READER_SMS_ALIYUN_ACCESS_KEY_SECRET = env_str("READER_SMS_ALIYUN_ACCESS_KEY_SECRET")
READER_SMS_ALIYUN_SIGN_NAME = env_str("READER_SMS_ALIYUN_SIGN_NAME")
READER_SMS_ALIYUN_TEMPLATE_CODE = env_str("READER_SMS_ALIYUN_TEMPLATE_CODE")
READER_SMS_ALIYUN_ENDPOINT = env_str(
    "READER_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/"
)
READER_SMS_ALIYUN_REGION = env_str("READER_SMS_ALIYUN_REGION", "cn-hangzhou")
# A code is valid this many seconds; sends per number (a day) and per
# address (IPv6 by /64, an hour); wrong codes before the number is locked,
# and for how long.
READER_CODE_VALID_SECONDS = 5 * 60
READER_CODE_SENDS_PER_NUMBER = (5, 24 * 3600)
READER_CODE_SENDS_PER_IP = (5, 3600)
READER_CODE_MAX_FAILURES = 5
READER_CODE_LOCK_SECONDS = 30 * 60
# The reader's own signed cookie (not sessionid: the caches skip requests
# carrying that): its name and lifetime.
READER_COOKIE_NAME = "newsroom_reader"
READER_COOKIE_AGE = 30 * 24 * 3600
# Credit states (readers/standing.py): a restricted commenter waits this
# many seconds after each comment; a mute lasts this many days unless staff
# say otherwise.
READER_RESTRICTED_COMMENT_INTERVAL = env_int(
    "READER_RESTRICTED_COMMENT_INTERVAL", 30 * 60
)
READER_MUTE_DAYS = env_int("READER_MUTE_DAYS", 7)
# The offline IP-region database (ip2region xdb, IPv4). Empty: the one the
# XdbSearchIP package ships.
IP_REGION_DATABASE = env_str("IP_REGION_DATABASE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per background task and per publish is noise, not news.
        "django_tasks": {"level": env_str("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": env_str("WAGTAIL_LOG_LEVEL", "WARNING")},
        # One INFO line per page rendered on a page-cache miss (a benchmark's
        # count of renders: bench/miss_hit_bench.py); quiet by default.
        "caching.render": {"level": env_str("RENDER_LOG_LEVEL", "WARNING")},
    },
}

# Whole-page cache for anonymous readers (caching/). Publishing purges
# through Wagtail's frontend cache: the Django page cache always, and every
# nginx proxy_cache NGINX_PURGE_URLS names the purge listener of
# (deploy/nginx/newsroom.conf).
# Off: every page is rendered, but still sent with the public cache headers
# below, so nginx can cache it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The Django cache alias holding pages (Redis in production).
PAGE_CACHE_ALIAS = "pages"
# How long a shared cache (Django's, nginx) keeps a page. Publishing purges
# what it changes at once; this only bounds what no purge rule covers
# (another article's automatic related reading).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# What a page needs that changes only when something is published (which
# page a path leads to, its view restrictions, related reading, the column
# navigation), in the default cache under a generation every purge renews
# (core/render_cache.py). Off: worked out on every request.
RENDER_CACHE_ENABLED = env_bool("RENDER_CACHE_ENABLED", True)
# A safety net only (and the bound on a process-local cache): every change
# that alters these values renews the generation.
RENDER_CACHE_SECONDS = env_int("RENDER_CACHE_SECONDS", 600)
# How long nginx answers from its copy before asking Django again (in the
# background, while readers still get the copy; Django's page cache answers).
# Purges reach nginx at once; this bounds what nginx cannot be sent a purge
# for: a change that shows on every page.
PROXY_CACHE_SECONDS = env_int("PROXY_CACHE_SECONDS", 10)
# Browsers revalidate every time (ETag / Last-Modified make that a 304), so a
# reader never sees a page older than the server's.
PAGE_CACHE_BROWSER_SECONDS = 0
# Requests carrying one of these cookies get a fresh page: a session (signed-in
# staff) or a pending message.
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]
# Never cached, whatever the response says. The admin is never cached even
# if a deployment's own list leaves it out (caching/policy.py).
PAGE_CACHE_EXCLUDED_PREFIXES = [
    "/" + WAGTAILADMIN_PATH,
    "/documents/",
    "/media/",
    "/static/",
    "/healthz",
    "/script/",
    "/feedback/",
    "/readers/",
]
# Front caches purged on publish, besides Django's: every nginx in front of
# the site (their purge listeners, comma-separated; NGINX_PURGE_URL, one
# URL, still reads) and Alibaba Cloud CDN when its access key is set.
NGINX_PURGE_URLS = list(
    dict.fromkeys(env_list("NGINX_PURGE_URLS") + env_list("NGINX_PURGE_URL"))
)
ALIYUN_CDN_ACCESS_KEY_ID = env_str("ALIYUN_CDN_ACCESS_KEY_ID")
ALIYUN_CDN_ACCESS_KEY_SECRET = env_str("ALIYUN_CDN_ACCESS_KEY_SECRET")
ALIYUN_CDN_ENDPOINT = env_str("ALIYUN_CDN_ENDPOINT", "https://cdn.aliyuncs.com/")
# Each purge is sent at once, waiting at most PURGE_TIMEOUT seconds for a
# cache; what a cache did not take is retried from a table (caching/retry.py)
# PURGE_RETRY_SECONDS later (doubling, at most an hour apart), and given up
# after PURGE_RETRY_GIVE_UP_SECONDS.
PURGE_TIMEOUT = env_int("PURGE_TIMEOUT", 2)
PURGE_RETRY_SECONDS = env_int("PURGE_RETRY_SECONDS", 30)
PURGE_RETRY_GIVE_UP_SECONDS = env_int("PURGE_RETRY_GIVE_UP_SECONDS", 86400)
WAGTAILFRONTENDCACHE = {
    "pages": {"BACKEND": "caching.backends.DjangoPageCacheBackend"},
    **{
        f"nginx-{number}": {
            "BACKEND": "caching.backends.NginxPurgeBackend",
            "LOCATION": location,
        }
        for number, location in enumerate(NGINX_PURGE_URLS, start=1)
    },
}
if ALIYUN_CDN_ACCESS_KEY_ID:
    WAGTAILFRONTENDCACHE["aliyun-cdn"] = {
        "BACKEND": "caching.aliyun_cdn.AliyunCdnBackend",
        "ENDPOINT": ALIYUN_CDN_ENDPOINT,
        "ACCESS_KEY_ID": ALIYUN_CDN_ACCESS_KEY_ID,
        "ACCESS_KEY_SECRET": ALIYUN_CDN_ACCESS_KEY_SECRET,
    }

from .security import *  # noqa: E402, F403
