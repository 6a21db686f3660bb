"""Cached public pages answered before the rest of the stack (issue 19).

``FrontPageCacheMiddleware`` sits right after WhiteNoise: a GET or HEAD whose
page is cached for the current content stamp is answered there, before the
session, locale, CSRF and authentication middleware, the URL resolver and the
view run. Bodies are stored once compressed (gzip, computed when stored, not
per hit) beside the plain ones, with their ETag, so conditional GETs are
answered here too.

What a cached copy is keyed by is what makes it right:

- the content stamp (``stamp``): any public change moves it, so a publish shows
  at once in every worker; with a shared cache (Redis) the stamp itself is kept
  there too (``WARTA_STAMP_IN_CACHE``), written by the request that read it from
  the database and dropped by every write that moves it, and valid only until
  the next scheduled article's time, so a hit costs no database round trip; with
  a per-process cache it is read from the database (one indexed query);
- the address as asked for (scheme, host, path and query): the language is part
  of the path. The query is first reduced to the parameters the page reads
  (``public_page``'s ``reads``), written one way (issue 24: any unknown
  parameter made a new entry, so ``?x=1``, ``?x=2``, … filled the cache).

Only pages marked ``public_page`` are stored, by the same request that built
them (200, not streamed, setting no cookie): public pages are the same for every
visitor, signed in or not. Misses go through the whole stack as before.

When the database cannot be reached (the stamp cannot be read, or the stack
answers its 503), the newest copy of the page still in the cache is served
instead, marked ``X-Page-Cache: stale`` with its ``Age`` and a ``Warning``
(issue 24): each stored page leaves a pointer from its address to its entry.
Only stored pages can be served that way, so only public ones (never the
newsroom, a preview or a draft); an address whose page is gone (404, 410)
loses its pointer. ``WARTA_SERVE_STALE`` turns it off.
"""

import gzip
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from articles.freshness.stamp import (
    Stamp,
    cached_stamp,
    digest,
    page_address,
    read_stamp,
    remember_stamp,
    stamp_in_cache,
)

COMPRESSIBLE = ("text/", "application/xml", "application/rss", "application/atom")
# Bodies smaller than this gain nothing from compression.
MIN_COMPRESS = 512


def _page_key(request, stamp: Stamp) -> str:
    return f"warta:front:{digest(stamp.key + '|' + page_address(request))}"


def _newest_key(request) -> str:
    """Where the key of the newest stored copy of this address is kept."""
    return f"warta:front:newest:{digest(page_address(request))}"


def _accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


def _not_public_prefixes() -> tuple[str, ...]:
    """Paths under which no public page lives: the newsroom (in each language),
    the API (it caches its own answers), static files and uploads."""
    admin = "/" + settings.ADMIN_PATH.lstrip("/")
    prefixes = [admin, "/api/", settings.STATIC_URL, settings.MEDIA_URL]
    prefixes += [f"/{code}{admin}" for code, _name in settings.LANGUAGES]
    return tuple(p if p.startswith("/") else "/" + p for p in prefixes if p)


# What ``_params_read_at`` found, per path (resolving costs about 0.1 ms);
# emptied when full. Long paths are not kept.
_reads_at: dict = {}
_READS_KEPT, _READS_PATH_MAX = 4096, 200
_UNKNOWN = object()


def _params_read_at(path: str) -> frozenset | None:
    """The query parameters the public page at ``path`` reads; None when no
    public page is there, or it does not say."""
    known = _reads_at.get(path, _UNKNOWN)
    if known is not _UNKNOWN:
        return known
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            view = resolve(path).func
    except Resolver404:
        view = None
    reads = (
        getattr(view, "warta_query_params", None)
        if getattr(view, "warta_public_page", False)
        else None
    )
    if len(path) <= _READS_PATH_MAX:
        if len(_reads_at) >= _READS_KEPT:
            _reads_at.clear()
        _reads_at[path] = reads
    return reads


def _only_what_the_page_reads(request) -> bool:
    """Reduce the request's query to the parameters its page reads, written
    one way (``urlencode``), so that unknown parameters and spellings of the
    same query share one cached copy. Return False when the page does not say
    what it reads (then its answer is not stored)."""
    reads = _params_read_at(request.path_info)
    if reads is None:
        return False
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in reads:
            kept.setlist(name, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()
    return True


class FrontPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.skip = _not_public_prefixes()

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.WARTA_PAGE_CACHE_SECONDS
            or request.path.startswith(self.skip)
        ):
            return self.get_response(request)
        if request.META.get("QUERY_STRING") and not _only_what_the_page_reads(request):
            request._warta_not_stored = True
        try:
            if stamp_in_cache():
                stamp = cached_stamp()
            else:
                # Read here once; the stamp middleware and the view reuse it.
                stamp = request._warta_stamp = read_stamp()
            key = _page_key(request, stamp) if stamp else None
        except DisallowedHost:
            return self.get_response(request)  # the stack answers 400
        except DatabaseError:
            # No stamp, so no current copy to trust: the newest one, if any,
            # else the stack answers (its 503 if the database is really gone).
            return self.stale(request) or self.get_response(request)
        entry = cache.get(key) if key else None
        if entry is not None:
            return self.hit(request, entry)
        response = self.get_response(request)
        if getattr(response, "database_unavailable", False):
            return self.stale(request) or response
        self.store(request, response)
        return response

    def stale(self, request):
        """The newest stored copy of this page, served while the database
        cannot be reached; None if the cache has none."""
        if not settings.WARTA_SERVE_STALE:
            return None
        try:
            key = cache.get(_newest_key(request))
        except DisallowedHost:
            return None
        entry = cache.get(key) if key else None
        if entry is None:
            return None
        response = self.hit(request, entry)
        response.headers["X-Page-Cache"] = "stale"
        stored = entry.get("stored_at")
        if stored:
            response.headers["Age"] = str(max(0, int(time.time() - stored)))
        response.headers["Warning"] = '110 - "Response is Stale"'
        return response

    def hit(self, request, entry):
        if entry["etag"] in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponseNotModified()
            for name in ("ETag", "Last-Modified", "Cache-Control"):
                if name in entry["headers"]:
                    response.headers[name] = entry["headers"][name]
            return response
        body = entry["body"]
        compressed = entry["gzip"] is not None and _accepts_gzip(request)
        if compressed:
            body = entry["gzip"]
        response = HttpResponse(
            b"" if request.method == "HEAD" else body, status=entry["status"]
        )
        for name, value in entry["headers"].items():
            response.headers[name] = value
        if entry["gzip"] is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if compressed:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(body))
        response.headers["X-Page-Cache"] = "hit"
        return response

    def store(self, request, response):
        stamp_key = getattr(request, "_warta_page_key", None)
        if stamp_key is not None and response.status_code in (404, 410):
            # The page is gone (unpublished, deleted): no stale copy of it.
            cache.delete(_newest_key(request))
            return
        if (
            stamp_key is None
            or request.method != "GET"
            or response.status_code != 200
            or response.streaming
            or response.cookies
            or getattr(request, "_warta_page_hit", False)
            or getattr(request, "_warta_not_stored", False)
        ):
            return
        _etag, stamp = stamp_key
        if stamp_in_cache():
            remember_stamp(stamp)
        body = response.content
        content_type = response.headers.get("Content-Type", "")
        compressed = None
        if len(body) >= MIN_COMPRESS and content_type.startswith(COMPRESSIBLE):
            compressed = gzip.compress(body, compresslevel=6, mtime=0)
        entry = {
            "status": response.status_code,
            "headers": dict(response.headers.items()),
            "body": body,
            "gzip": compressed,
            "etag": response.headers.get("ETag", ""),
            "stored_at": time.time(),
        }
        key = _page_key(request, stamp)
        cache.set_many(
            {key: entry, _newest_key(request): key},
            settings.WARTA_PAGE_CACHE_SECONDS,
        )
        response.headers["X-Page-Cache"] = "miss"
