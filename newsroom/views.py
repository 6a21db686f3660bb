from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def health(request):
    """For load balancers: 200 when the database and the cache answer, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any failure means unhealthy, whatever its kind
        checks["database"] = f"error: {type(exc).__name__}"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = (
            "ok" if cache.get("healthz") == "ok" else "error: no round trip"
        )
    except Exception as exc:
        checks["cache"] = f"error: {type(exc).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", **checks},
        status=200 if healthy else 503,
    )


@requires_csrf_token
def server_error(request):
    """The 500 page: says what is true (logged, mailed only if ADMINS is set)
    and gives the request id that finds the traceback. Rendered without
    context processors: nothing here may fail again."""
    template = loader.get_template("500.html")
    body = template.render(
        {
            "request_id": getattr(request, "request_id", ""),
            "notified": bool(settings.ADMINS),
        }
    )
    return HttpResponseServerError(body)


def bare(request):
    """The cheapest Django response, the yardstick of ``make bench`` (only routed
    when DJANGO_BENCH=1)."""
    return JsonResponse({"ok": True})
