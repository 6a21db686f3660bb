import sys

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language_from_path
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django_redis.exceptions import ConnectionInterrupted

from newsroom.cache_breaker import CLOSED


@never_cache
@require_GET
def health(request):
    """For load balancers: ``ok`` (200) when the database and the cache answer;
    ``degraded`` (200) when the cache does not (``"cache": "open"``: its circuit
    breaker has stopped asking Redis), since pages are then served uncached at
    the database's pace; ``down`` (503) when the database does not answer.
    Asks Redis nothing while the breaker is open, so a hung Redis does not
    hang the check either."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    if checks["database"] != "ok":
        status, code = "down", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:  # any failure means unhealthy, whatever its kind
        return f"error: {type(exc).__name__}"


def _check_cache() -> str:
    client = getattr(cache, "client", None)
    breaker = getattr(client, "breaker", None)
    try:
        if breaker is not None:
            client.ping()  # through the breaker; a failure opens it
            return "ok"
        if client is not None and hasattr(client, "get_client"):
            client.get_client(write=True).ping()  # django-redis: errors not hidden
            return "ok"
        cache.set("healthz", "ok", 5)
        return "ok" if cache.get("healthz") == "ok" else "error: no round trip"
    except Exception as exc:
        if breaker is not None and breaker.state != CLOSED:
            return "open"
        cause = exc.__cause__ if isinstance(exc, ConnectionInterrupted) else exc
        return f"error: {type(cause).__name__}"


@requires_csrf_token
def server_error(request):
    """The 500 page: says what is true (logged, mailed only if ADMINS is set)
    and gives the request id that finds the traceback. Rendered without
    context processors: nothing here may fail again.

    When the database cannot be reached (a restart, a statement that ran over
    the timeout, SQLite busy), the answer is a short 503 with ``Retry-After``:
    the request may be repeated in a moment."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        return unavailable(request)
    template = loader.get_template("500.html")
    body = template.render(
        {
            "request_id": getattr(request, "request_id", ""),
            "notified": bool(settings.ADMINS),
        }
    )
    return HttpResponseServerError(body)


def unavailable(request):
    response = HttpResponse(
        loader.get_template("503.html").render(
            {"request_id": getattr(request, "request_id", "")}
        ),
        status=503,
    )
    response["Retry-After"] = str(settings.WARTA_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # The page cache serves its newest copy instead, if it has one.
    response.database_unavailable = True
    return response


def bare(request):
    """The cheapest Django response, the yardstick of ``make bench`` (only routed
    when DJANGO_BENCH=1)."""
    return JsonResponse({"ok": True})


@requires_csrf_token
def permission_denied(request, exception):
    """handler403: in the admin, a page in the admin's look (its header, the
    request's language) saying what happened and the way back to the desk;
    elsewhere the site's page (403.html). Django's own was a bare English
    "403 Forbidden"."""
    path = request.path_info.lstrip("/")
    language = get_language_from_path(request.path_info)
    if language and path.startswith(f"{language}/"):
        path = path[len(language) + 1 :]
    user = getattr(request, "user", None)
    if path.startswith(settings.ADMIN_PATH) and user is not None and user.is_active:
        context = admin.site.each_context(request)
        return render(request, "admin/403.html", context, status=403)
    return defaults.permission_denied(request, exception)
