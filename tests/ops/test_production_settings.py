import json

import pytest

from tests.ops.production import production_env, run_manage, run_python

# Imports the settings module alone (no django.setup()), so S3 settings can be
# checked without boto3 installed.
SETTINGS_PROBE = """
import json
from newsroom.settings import production as settings
db = settings.DATABASES["default"]
print(json.dumps({
    "conn_max_age": db["CONN_MAX_AGE"],
    "conn_health_checks": db["CONN_HEALTH_CHECKS"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_options": settings.CACHES["default"]["OPTIONS"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "media": settings.STORAGES["default"]["BACKEND"],
    "media_url": settings.MEDIA_URL,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "middleware": settings.MIDDLEWARE,
    "jobs": settings.SCHEDULED_COMMANDS,
}))
"""


def test_check_deploy_passes_without_a_warning_given_the_production_environment():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    silenced = run_python(
        "from newsroom.settings import production as s; "
        "print(' '.join(s.SILENCED_SYSTEM_CHECKS))",
        env=production_env(),
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    # Only reviewed, non-security checks may be silenced (the search field
    # check; see base.py) — never a security.* or deploy warning.
    assert not [check for check in silenced.stdout.split() if "security" in check]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": "insecure-dev-key-change-me"}, "Set SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
    ],
    ids=["debug-on", "default-secret-key", "empty-allowed-hosts"],
)
def test_production_refuses_to_start_with_an_unsafe_setting(overrides, message):
    result = run_manage("check", env=production_env(**overrides))

    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_when_allowed_hosts_is_not_set_at_all():
    env = production_env()
    del env["ALLOWED_HOSTS"]

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_keeps_database_connections_with_health_checks_and_uses_redis():
    result = run_python(SETTINGS_PROBE, env=production_env(BACKUP_DIR="/backups"))
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)

    assert probe["conn_max_age"] == 60
    assert probe["conn_health_checks"] is True
    assert probe["cache"] == "ops.cache.ResilientRedisCache"
    assert probe["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert probe["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in probe["middleware"]
    assert probe["media"] == "django.core.files.storage.FileSystemStorage"
    jobs = {job["command"]: job for job in probe["jobs"]}
    assert jobs["publish_scheduled"]["every"] == 60
    assert jobs["check_content"]["every"] == 86400
    assert jobs["backup_site"]["args"] == ["--into", "/backups", "--keep", "14"]


def test_media_can_live_in_s3_compatible_storage_and_the_csp_allows_its_host():
    env = production_env(
        MEDIA_STORAGE="s3",
        S3_BUCKET="newsroom-media",
        S3_CUSTOM_DOMAIN="media.example.org",
    )

    result = run_python(SETTINGS_PROBE, env=env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)

    assert probe["media"] == "storages.backends.s3.S3Storage"
    assert probe["media_url"] == "https://media.example.org/"
    assert "https://media.example.org" in probe["img_src"]


def test_production_logs_one_json_object_per_line_on_stdout():
    result = run_manage(
        "shell",
        "-c",
        "import logging; logging.getLogger('newsroom').warning('稿件 %s 已发布', 42)",
    )
    assert result.returncode == 0, result.stderr

    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "newsroom"
    assert line["message"] == "稿件 42 已发布"
    assert "time" in line
