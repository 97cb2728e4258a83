"""Settings read from the environment; checked in a fresh interpreter so the
running test database is never touched."""

import os
import subprocess
import sys

from django.conf import settings

PRINT_DATABASE_ENGINE = (
    "import newsroom.settings.base as s; print(s.DATABASES['default']['ENGINE'])"
)
PRINT_CACHE_BACKEND = (
    "import newsroom.settings.base as s; print(s.CACHES['default']['BACKEND'])"
)
IMPORT_PRODUCTION = "import newsroom.settings.production"
SETTINGS_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_SETTINGS_MODULE",
)


def run_python(code: str, **env_vars: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env.update(env_vars)
    return subprocess.run(  # noqa: S603 - our own code, run by this interpreter
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def output_of(code: str, **env_vars: str) -> str:
    result = run_python(code, **env_vars)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_database_url_selects_postgresql():
    engine = output_of(
        PRINT_DATABASE_ENGINE, DATABASE_URL="postgres://u:p@localhost:5432/db"
    )
    assert engine == "django.db.backends.postgresql"


def test_without_database_url_sqlite_is_used():
    assert output_of(PRINT_DATABASE_ENGINE) == "django.db.backends.sqlite3"


def test_redis_url_selects_the_redis_cache():
    backend = output_of(PRINT_CACHE_BACKEND, REDIS_URL="redis://localhost:6379/1")
    assert backend == "ops.cache.ResilientRedisCache"


def test_without_redis_url_the_local_memory_cache_is_used():
    backend = output_of(PRINT_CACHE_BACKEND)
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_production_refuses_the_default_secret_key():
    result = run_python(IMPORT_PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_python(IMPORT_PRODUCTION, SECRET_KEY="a-real-secret", DEBUG="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG" in result.stderr


def test_production_starts_with_a_real_secret_key_and_debug_off():
    result = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_production_refuses_debug_through_django_setup():
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        SECRET_KEY="a-real-secret",
        DEBUG="true",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_base_settings_keep_debug_off():
    assert output_of("import newsroom.settings.base as s; print(s.DEBUG)") == "False"


def test_site_speaks_simplified_chinese_in_shanghai_time():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
