"""Conditional GET for public pages, keyed by the stamp; the cached copies
themselves are stored and served by ``front.FrontPageCacheMiddleware``."""

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from articles.freshness.stamp import _request_stamp, current_stamp, digest, page_address


def public_page(view, *, reads=None):
    """Mark ``view`` as a public page: ETag and Last-Modified from the stamp
    (``ContentStampMiddleware``), cached per address and stamp (``front``).

    ``reads`` names the query parameters the page reads (default: its view
    class's ``query_params``). ``front`` drops any other parameter from the
    request before anything reads it, so ``?utm_source=…`` or ``?x=<random>``
    is the same page from the same cached copy, as the site always answered
    it, instead of a new entry each time. A page that does not say is not
    stored when asked for with a query."""
    view.warta_public_page = True
    if reads is None:
        reads = getattr(getattr(view, "view_class", view), "query_params", None)
    view.warta_query_params = None if reads is None else frozenset(reads)
    return view


class ContentStampMiddleware:
    """Reads the stamp once per request and, for views marked ``public_page``,
    answers conditional GETs with 304 and marks the request so that
    ``FrontPageCacheMiddleware`` stores the page.

    Public pages are the same for every visitor (the language is in the URL), so
    one cached copy serves everyone; the stamp in the key makes a publish or an
    edit visible at once, in every worker.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The stamp as already read for this request (the front cache), if any.
        read = getattr(request, "_warta_stamp", None)
        token = _request_stamp.set([read] if read else [])
        try:
            response = self.get_response(request)
            key = getattr(request, "_warta_page_key", None)
            if key:
                self.finish(request, response, key)
            return response
        finally:
            _request_stamp.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not getattr(
            view_func, "warta_public_page", False
        ):
            return None
        stamp = current_stamp()
        address = page_address(request)
        etag = '"{}"'.format(digest(f"{stamp.key}|{get_language()}|{address}"))
        request._warta_page_key = (etag, stamp)
        last_modified = stamp.last_modified
        conditional = get_conditional_response(
            request,
            etag=etag,
            last_modified=int(last_modified.timestamp()) if last_modified else None,
        )
        return conditional

    def finish(self, request, response, key):
        etag, stamp = key
        if response.status_code not in (200, 304):
            return
        # The stamp's, not a view's own (feeds set one from their items): the
        # validators must be the ones ``process_view`` checks.
        response.headers["ETag"] = etag
        if stamp.last_modified:
            response.headers["Last-Modified"] = http_date(
                stamp.last_modified.timestamp()
            )
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if not response.streaming:
            # Feeds are written piece by piece; one piece is one write to the
            # socket instead of hundreds.
            response.content = response.content
