import logging
import secrets
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


@never_cache
@require_GET
def healthz(request):
    """For the load balancer and monitoring: 200 while the database answers
    (the cache may be down: the site then serves uncached, "degraded"),
    503 when it does not."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    if checks["database"] != "ok":
        status = "unavailable"
    elif checks["cache"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks},
        status=503 if status == "unavailable" else 200,
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: database unavailable", exc_info=True)
        return "unavailable"
    return "ok"


def _check_cache() -> str:
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "ok", timeout=10)
        answer = cache.get(key)
        cache.delete(key)
    except Exception:  # any backend failure means the same: no cache
        logger.warning("Health check: cache unavailable", exc_info=True)
        return "unavailable"
    return "ok" if answer == "ok" else "unavailable"


@requires_csrf_token
def server_error(request):
    """handler500. A lost database connection is an outage, not a bug: the
    reader gets a 503 page asking them to retry shortly (with Retry-After),
    rendered without touching the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OUTAGE_ERRORS):
        context = {"submitted": request.method == "POST"}
        response = HttpResponse(
            loader.render_to_string("503.html", context), status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
