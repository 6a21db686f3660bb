"""What a list page tells search engines: its canonical address (each page of
a list is its own: page 2 is not page 1), ``rel=prev/next`` to its neighbours,
and whether it is indexed (a facet combination is followed, not indexed)."""

from dataclasses import dataclass

# Parameters that only change how a page is shown, never what it lists.
PRESENTATION = ("per_page",)


@dataclass(frozen=True)
class ListLinks:
    canonical: str
    prev: str | None
    next: str | None
    robots: str | None


def _address(request, params, page=None) -> str:
    params = params.copy()
    params.pop("page", None)
    if page and page > 1:
        params["page"] = page
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


def list_links(request, page_obj, *, index=True) -> ListLinks:
    """The links of the list page ``page_obj`` of ``request`` (paths with their
    query; the template puts the site's origin in front). ``index``: False
    for a facet combination (``noindex,follow``)."""
    params = request.GET.copy()
    for name in PRESENTATION:
        params.pop(name, None)
    number = page_obj.number if page_obj else 1
    keep = request.GET.copy()
    return ListLinks(
        canonical=_address(request, params, number),
        prev=_address(request, keep, page_obj.previous_page_number())
        if page_obj and page_obj.has_previous()
        else None,
        next=_address(request, keep, page_obj.next_page_number())
        if page_obj and page_obj.has_next()
        else None,
        robots=None if index else "noindex,follow",
    )
