"""Numbered pages to a list's last article.

A page past the middle of a list is read from its oldest end, in the reverse
order, so the deepest page costs what the first one does: an index range read
(``article_status_pub_id``, scanned backwards) that stops after the page's
rows plus the few before it from that end. Only a page near the middle walks
half the list; the count comes from ``counting`` (the public counts, or a
count kept per content stamp), never from counting here.

Searches keep their relevance order (title matches first): their pages are
read from the front.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from articles.site import listing, search


def oldest_ids(queryset, offset, count) -> list[int]:
    """The ids of ``count`` articles of ``queryset`` skipping the ``offset``
    oldest, newest first (the list's order read from its other end)."""
    ids = queryset.order_by("publish_at", "pk").values_list("pk", flat=True)
    return list(ids[offset : offset + count])[::-1]


def newest_ids(queryset, offset, count) -> list[int]:
    """The ids of ``count`` articles of ``queryset`` after the ``offset``
    newest, newest first (``listing.newest_ids``' order)."""
    ids = queryset.order_by("-publish_at", "-pk").values_list("pk", flat=True)
    return list(ids[offset : offset + count])


class ArchivePaginator(Paginator):
    """Pages over every article of ``queryset``, whose number is ``count``;
    a page's articles are read (ids, then rows) when the page is taken."""

    def __init__(self, queryset, per_page, *, count: int, text=None, **kwargs):
        super().__init__(queryset, per_page, **kwargs)
        self.known_count = count
        self.text = text

    @cached_property
    def count(self):
        return self.known_count

    def page_ids(self, bottom: int, top: int) -> list[int]:
        """The ids of the list's articles ``bottom`` to ``top`` (by position)."""
        if top <= bottom:
            return []
        if self.text:
            return search.matching_ids(self.object_list, self.text, top)[bottom:top]
        from_end = self.count - top
        if from_end < bottom:
            return oldest_ids(self.object_list, from_end, top - bottom)
        return newest_ids(self.object_list, bottom, top - bottom)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = listing.listing_rows(self.page_ids(bottom, top), body=False)
        return self._get_page(rows, number, self)
