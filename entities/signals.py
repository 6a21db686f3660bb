"""Signals the vocabulary sends to whatever builds on it (``entities`` never
imports ``articles``)."""

from django.dispatch import Signal

# Sent after a write that moved entity tags between articles in bulk (merge,
# undo merge, split), with ``article_ids``, ``by`` and ``reason``. The articles
# app raises those articles' versions and records a revision of each.
article_links_changed = Signal()
