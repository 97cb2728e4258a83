"""HTTPS-only headers and cookies: the values production.py computes (read in
a subprocess, as production would import them) applied to this test run."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.ops.production import production_env, run_python

SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE",
    "CONTENT_SECURITY_POLICY",
    "ADMIN_CONTENT_SECURITY_POLICY",
]
PROBE = f"""
import json
from newsroom.settings import production
print(json.dumps({{name: getattr(production, name) for name in {SECURITY_SETTINGS}}}))
"""

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def production_values():
    result = run_python(PROBE, env=production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production_client(settings, production_values):
    for name, value in production_values.items():
        setattr(settings, name, value)
    return Client()


def test_plain_http_is_redirected_to_https(production_client):
    response = production_client.get("/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"


def test_health_checks_answer_over_plain_http(production_client):
    assert production_client.get("/healthz").status_code == 200


def test_the_proxy_header_marks_a_request_secure(production_client):
    response = production_client.get("/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_cookies_are_secure_and_http_only(production_client):
    response = production_client.get(reverse("wagtailadmin_login"), secure=True)

    assert response.status_code == 200
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_both_policies_upgrade_insecure_requests(production_client):
    public = production_client.get("/", secure=True)
    admin = production_client.get(reverse("wagtailadmin_login"), secure=True)

    assert "upgrade-insecure-requests" in public["Content-Security-Policy"]
    assert "upgrade-insecure-requests" in admin["Content-Security-Policy"]
