"""What every API endpoint shares: anonymous GET only, a rate limit per client,
validators from the content stamp (ETag, Last-Modified, 304), a response cache
per address and stamp, and errors as JSON.

The order matters: the rate limit is checked first (DRF's ``initial``), so a
client is counted for cached answers and 304s too; then the stamp answers a
conditional GET before any other query; then the cache; only then the view's
own work.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from articles.api.params import InvalidParameters
from articles.freshness import current_stamp, digest
from newsroom.clientip import client_ip

logger = logging.getLogger("warta.api")

# Headers a cached response keeps besides its body.
CACHED_HEADERS = ("Link", "Content-Type")


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per client address (``newsroom.clientip``: behind trusted proxies
    the forwarded address), at the rate ``WARTA_API_RATES[scope]`` (read when
    checked, so settings can change it; empty: no limit)."""

    scope = "api"

    def get_rate(self):
        return settings.WARTA_API_RATES.get(self.scope) or None

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class ExportRateThrottle(ClientRateThrottle):
    scope = "export"


def exception_handler(exc, context):
    """Errors as ``{"error": code, "detail": message}``; bad parameters add
    ``"parameters": {name: [messages]}``. A database that does not answer is a
    503 with ``Retry-After``, as on the site."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.warning("API request failed on the database: %s", exc)
        response = Response(
            {"error": "unavailable", "detail": _("Try again in a moment.")}, status=503
        )
        response["Retry-After"] = str(settings.WARTA_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        # DRF's own message is translated only in part ("Permintaan ini telah
        # dibatasi. Expected available in 60 seconds."): one sentence of ours.
        seconds = int(exc.wait or 0) or 1
        code = exc.default_code
        detail = ngettext(
            "Too many requests from this address; try again in %(seconds)d second.",
            "Too many requests from this address; try again in %(seconds)d seconds.",
            seconds,
        ) % {"seconds": seconds}
    elif isinstance(exc, exceptions.APIException):
        code = exc.default_code
        detail = str(exc.detail) if isinstance(exc.detail, str) else exc.default_detail
    else:
        code, detail = "error", str(exc)
    body = {"error": code, "detail": str(detail)}
    if isinstance(exc, InvalidParameters):
        body["parameters"] = exc.errors
    response.data = body
    response["Cache-Control"] = "no-store"
    return response


class PublicAPIView(APIView):
    """A read-only endpoint over public content. Subclasses implement
    ``respond(request, **kwargs)`` and return a DRF ``Response``."""

    http_method_names = ["get", "head", "options"]
    throttle_classes = [ClientRateThrottle]
    # Whether whole responses are kept in the cache (not for streamed ones).
    cache_responses = True

    def get(self, request, *args, **kwargs):
        stamp = current_stamp()
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        etag = '"{}"'.format(digest(f"api|{stamp.key}|{address}"))
        modified = stamp.last_modified
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(modified.timestamp()) if modified else None,
        )
        if conditional is not None:
            return self.validated(conditional, etag, modified)
        seconds = settings.WARTA_PAGE_CACHE_SECONDS if self.cache_responses else 0
        key = f"warta:api:{etag}"
        if seconds:
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                return self.validated(response, etag, modified)
        response = self.respond(request, *args, **kwargs)
        if response.status_code == 200:
            self.validated(response, etag, modified)
            if seconds:

                def keep(rendered):
                    # Returns None: a post-render callback's non-None return
                    # value replaces the response (django-redis's set() is True).
                    headers = {
                        name: rendered[name]
                        for name in CACHED_HEADERS
                        if rendered.has_header(name)
                    }
                    cache.set(key, (rendered.content, headers), seconds)

                response.add_post_render_callback(keep)
        return response

    def validated(self, response, etag, modified):
        response["ETag"] = etag
        if modified:
            response["Last-Modified"] = http_date(modified.timestamp())
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    def respond(self, request, *args, **kwargs):  # pragma: no cover - abstract
        raise NotImplementedError
