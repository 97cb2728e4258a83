"""HTTPS-only headers and cookies, seen through the production settings."""

import json

import pytest

from tests.ops.production import run_manage

# Runs inside `manage.py shell` under production settings, on an in-memory
# database the probe migrates itself; static files unhashed, so the admin
# renders without a collectstatic run.
PROBE = """
import json
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
call_command("migrate", verbosity=0)
storages = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
override_settings(STORAGES=storages).enable()
client = Client(HTTP_HOST="news.example.org")
plain = client.get("/")
health = client.get("/healthz")
login = client.get("/admin/login/", secure=True)
cookies = {
    name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"])}
    for name, c in login.cookies.items()
}
print(json.dumps({
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location"),
    "health_status": health.status_code,
    "login_status": login.status_code,
    "hsts": login.get("Strict-Transport-Security"),
    "csp": login.get("Content-Security-Policy"),
    "cookies": cookies,
}))
"""


@pytest.fixture(scope="module")
def production_probe():
    from tests.ops.production import production_env

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        PROBE,
        env=production_env(DATABASE_URL="sqlite://:memory:", REDIS_URL=""),
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production_probe):
    assert production_probe["plain_status"] == 301
    assert production_probe["plain_location"] == "https://news.example.org/"


def test_health_checks_answer_over_plain_http_behind_the_proxy(production_probe):
    assert production_probe["health_status"] == 200


def test_https_responses_carry_hsts(production_probe):
    assert production_probe["login_status"] == 200
    assert "max-age=31536000" in production_probe["hsts"]
    assert "includeSubDomains" in production_probe["hsts"]


def test_cookies_are_secure_and_http_only(production_probe):
    assert production_probe["cookies"]["csrftoken"] == {
        "secure": True,
        "httponly": True,
    }


def test_production_policy_upgrades_insecure_requests(production_probe):
    assert "upgrade-insecure-requests" in production_probe["csp"]
