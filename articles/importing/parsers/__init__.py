"""Reading raw articles: plain text in the shape regional sites publish, a JSON
schema, and RSS/Atom feeds. Parsers only read; ``importing.service`` writes.

Every parser returns ``ParsedArticle`` objects whose ``body`` is sanitised HTML
(``articles.models.richtext``: text files become paragraphs, HTML is cleaned to the
allowlist, and ``dropped`` lists what the cleaning removed) and whose ``text``
is the same body as plain text. Whatever cannot be imported raises
``ImportFailed`` naming the file, the record and the reason; so do files over
the limits (size, records, JSON depth) and text that is not valid in its
declared encoding.

JSON schema (one object, or a list of them; ``json_schema()`` gives it, in
the active language, for the import page)::

    {
      "title": "…",                     required unless the body starts with a headline
      "body": "…",                      required; plain text (paragraphs separated
                                         by blank lines) or HTML
      "body_format": "text" or "html",  optional; without it a body that opens
                                         with a block element (<p>, <div>, <h2>…)
                                         is HTML, anything else text
      "standfirst": "…",                optional
      "dateline": "CILEGON",            optional
      "source": "infobanten.id" or {"name": "…", "homepage": "https://…"},  optional
      "original_url": "https://…",      optional
      "original_published_on": "2025-05-15",  optional (YYYY-MM-DD)
      "byline": "…", "credit": "*/Ika", "language": "id"   optional
    }
"""

from articles.importing.parsers.common import ImportFailed, ParsedArticle
from articles.importing.parsers.feeds import parse_feed
from articles.importing.parsers.files import parse_path
from articles.importing.parsers.records import json_schema, parse_json, shown
from articles.importing.parsers.text import parse_html, parse_text

__all__ = [
    "ImportFailed",
    "ParsedArticle",
    "json_schema",
    "parse_feed",
    "parse_html",
    "parse_json",
    "parse_path",
    "parse_text",
    "shown",
]
