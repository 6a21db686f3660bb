"""Knowing what is stale: the content stamp (``stamp``) that every cached page,
ETag and per-stamp value is keyed by, the one ``content_changed()`` that moves
it and marks the public counts a write touched (``changes``), cached public
pages answered in front of the stack (``front``), conditional GET (``pages``)
and the taxonomy kept per process (``memo``)."""

from articles.freshness.changes import content_changed, mark_stale
from articles.freshness.memo import taxonomy
from articles.freshness.pages import public_page
from articles.freshness.stamp import bump, cached, current_stamp, digest

__all__ = [
    "bump",
    "cached",
    "content_changed",
    "current_stamp",
    "digest",
    "mark_stale",
    "public_page",
    "taxonomy",
]
