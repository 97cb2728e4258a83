from unittest import mock

import pytest
from django.db import OperationalError

from tests.ops.redis import closed_port_redis_cache

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_cache_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_down(client):
    with mock.patch(
        "ops.views.connection.cursor", side_effect=OperationalError("refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_healthz_stays_up_but_degraded_when_the_cache_is_down(client, settings):
    settings.CACHES = closed_port_redis_cache()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
