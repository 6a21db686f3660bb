"""Caching keyed by the content stamp: the stamp itself (``stamp``), cached
public pages answered in front of the stack (``front``), conditional GET
(``pages``), the taxonomy kept per process (``memo``) and the signals that move
the stamp (``signals``)."""

from articles.freshness.memo import taxonomy
from articles.freshness.pages import public_page
from articles.freshness.stamp import bump, cached, current_stamp, digest

__all__ = ["bump", "cached", "current_stamp", "digest", "public_page", "taxonomy"]
