"""Errors raised before or outside the API's views (unknown addresses, requests
refused by the site's middleware, crashes) answered as JSON under /api/, as
the site's pages everywhere else."""

import sys

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views import defaults

from articles.site import views as article_views
from newsroom import views as site_views

PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path_info.startswith(PREFIX)


def not_found(request, *args, **kwargs):
    """Any address under /api/v1/ that is no endpoint: a JSON 404, or a
    redirect when only the final slash is missing."""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {
            "error": "not_found",
            "detail": _("No such API address; see /api/v1/docs/."),
        },
        status=404,
    )


def page_not_found(request, exception):
    """handler404: JSON under /api/, else Django's page (the site's 404.html)."""
    if is_api(request):
        return not_found(request)
    return defaults.page_not_found(request, exception)


def _nul_parameters(request) -> dict:
    try:
        return {
            name: [_("Contains a NUL character.")]
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        }
    except Exception:  # the query string itself could not be read
        return {}


def bad_request(request, exception):
    """handler400: JSON under /api/ (naming the parameters it can), else the
    site's page."""
    if not is_api(request):
        return article_views.bad_request(request, exception)
    body = {
        "error": "bad_request",
        "detail": str(exception)
        if type(exception) is BadRequest
        else _("The request could not be read."),
    }
    parameters = _nul_parameters(request)
    if parameters:
        body["parameters"] = parameters
    response = JsonResponse(body, status=400)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: JSON under /api/ (a 503 to retry when the database did not
    answer, as on the site), else the site's page."""
    if not is_api(request):
        return site_views.server_error(request)
    request_id = getattr(request, "request_id", "")
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = JsonResponse(
            {"error": "unavailable", "detail": _("Try again in a moment.")}, status=503
        )
        response["Retry-After"] = str(settings.WARTA_RETRY_AFTER_SECONDS)
    else:
        response = JsonResponse(
            {
                "error": "server_error",
                "detail": _("Something went wrong on our side; it has been logged."),
                "request_id": request_id,
            },
            status=500,
        )
    response["Cache-Control"] = "no-store"
    return response
