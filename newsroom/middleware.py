"""Project-wide request handling: request ids for the logs, refusing NUL
characters, keeping the newsroom out of search engines."""

import contextvars
import re
import uuid

from django.conf import settings
from django.core.exceptions import BadRequest, DisallowedHost, SuspiciousOperation

_request_id: contextvars.ContextVar = contextvars.ContextVar("request_id", default="-")
# A request id a trusted proxy passed on: short, plain characters only.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


def request_id(get_response):
    """Give each request an id, in the logs and as ``X-Request-ID`` on the
    response, so that a 500 page's reference finds its traceback. An id set by
    a trusted proxy (``WARTA_TRUSTED_PROXIES``) is kept."""

    def middleware(request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        if not (settings.WARTA_TRUSTED_PROXIES and INCOMING_ID.match(incoming)):
            incoming = uuid.uuid4().hex
        request.request_id = incoming
        token = _request_id.set(incoming)
        try:
            response = get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = incoming
        return response

    return middleware


def reject_nul_bytes(get_response):
    """Answer 400 to a query string or form holding a NUL character.

    No legitimate parameter contains one, and PostgreSQL refuses them in text, so
    they would otherwise surface as server errors deep in a query.
    """

    def middleware(request):
        try:
            parameters = request.GET.lists()
            if "\x00" in request.path or any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in parameters
            ):
                raise BadRequest("The request contains a NUL character.")
        except SuspiciousOperation as exc:  # e.g. too many fields
            raise BadRequest(str(exc)) from exc
        return get_response(request)

    return middleware


def noindex_newsroom(get_response):
    """``X-Robots-Tag: noindex`` on the admin and on previews, instead of naming
    the (movable) admin address in robots.txt."""
    private = tuple(
        f"{prefix}{part}"
        for prefix in ("/", *(f"/{code}/" for code, _name in settings.LANGUAGES))
        for part in (settings.ADMIN_PATH, "pratinjau/")
    )

    def middleware(request):
        response = get_response(request)
        if request.path.startswith(private):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return middleware


def safe_request(request) -> dict:
    """Context for every template: what pages show of the request, read so that
    it cannot raise. Error pages (400 for a forged Host or too many fields) are
    rendered with the very request that raised the first time."""
    try:
        host = request.get_host()
    except DisallowedHost:
        host = ""
    try:
        query = request.GET.get("q", "")
    except SuspiciousOperation:
        query = ""
    return {
        "site_origin": f"{request.scheme}://{host}" if host else "",
        "search_query": query,
    }
