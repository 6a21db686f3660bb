"""Article bodies as sanitised HTML: one allowlist, from the editor's toolbar to
every reader, and never a word lost.

The allowlist is derived from ``EXTENSIONS``, the editor's configuration (django-
prose-editor): paragraphs, subheadings (h2, h3), bold, italic, links (http,
https, mailto; every link gets ``rel="noopener"``), bulleted and numbered lists,
block quotes, line breaks and tables (with a caption, a header row, cells that
span). ``sanitize`` applies it on save and again on output.

Sanitising never drops text. Before nh3 sees the HTML, every ``<…>`` that is
not a well-formed tag by ``markup``'s rule (``a<b``, ``<Rp5 triliun``,
``<redaksi@warta.id>``, ``Jika <p dan q> maka r.``, ``<select all>``) becomes
text; comments and declarations go (Word's conditional comments with what they
hold); office programs' habits are undone (``office``: Word's lists, Google
Docs' "not bold" wrapper); and tags with a near equivalent in the allowlist are
renamed (``b`` → ``strong``, ``div`` → ``p``, ``h1`` → ``h2``) so that pasted
structure and word boundaries survive. Then the words of the INPUT, read
independently of all this (``visible``), are compared with the words of the
result; if any would be lost (only the content of ``script``, ``style`` and
similar elements is meant to go), ``TextWouldBeLost`` refuses the save and
names them.

``to_text`` is the body as plain text (paragraphs separated by blank lines), for
search, suggestions, fingerprints, feeds' summaries and JSON-LD;
``for_readers`` is the body as the public page shows it (tables scroll).
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from articles.models import embeds, markup, media, office, visible
from articles.models.markup import BLOCKS, CONTENT_DROPPED, TAG, _tags  # noqa: F401

# The editor's toolbar; the allowlist follows from it.
EXTENSIONS = {
    "Paragraph": True,
    "HardBreak": True,
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener"
# Tables pasted from a report keep their rows and cells: the editor's table
# (``Table``) plus a caption and a header row; cells may span.
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td"}
SPANS = {"colspan", "rowspan"}
# A library image in the body (``media``): an empty figure naming its id.
MEDIA_ATTRIBUTE = "data-media"
MEDIA_ID = re.compile(r"[1-9][0-9]{0,17}")


def _cleaner_options() -> dict:
    options = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    attributes = {tag: set(names) for tag, names in options["attributes"].items()}
    # rel is ours to set (nh3's link_rel), never the author's; no targets.
    attributes["a"] = {"href", "title"}
    attributes.pop("ol", None)
    attributes["td"] = attributes["th"] = set(SPANS)
    attributes["figure"] = {MEDIA_ATTRIBUTE}
    return {
        "tags": set(options["tags"]) | TABLE_TAGS | {"figure"},
        "clean_content_tags": set(CONTENT_DROPPED),
        "attributes": attributes,
        "attribute_filter": _span_filter,
        "url_schemes": URL_SCHEMES,
        "link_rel": LINK_REL,
        "strip_comments": True,
    }


def _span_filter(tag, name, value):
    """A cell spans 1 to 1000 rows or columns; a library reference is a
    number; any other value is dropped."""
    if name == MEDIA_ATTRIBUTE:
        return value if MEDIA_ID.fullmatch(value) else None
    if name in SPANS:
        ok = re.fullmatch(r"[1-9][0-9]{0,3}", value) and int(value) <= 1000
        return value if ok else None
    return value


_cleaner = nh3.Cleaner(**_cleaner_options())
ALLOWED_TAGS = frozenset(_cleaner_options()["tags"])

# Tags renamed to their allowed equivalent before cleaning: pasted structure
# and word boundaries survive (every block element is a boundary on both
# sides of the "never lose a word" check).
RENAMES = {
    "b": "strong",
    "i": "em",
    "h1": "h2",
    "h4": "h3",
    "h5": "h3",
    "h6": "h3",
    "hr": "br",
    "tfoot": "tbody",
    # Only a library reference stays a figure (``prepare``); any other, pasted
    # from a web page, is a paragraph as before.
    "figure": "p",
    **{
        block: "p"
        for block in BLOCKS
        - ALLOWED_TAGS
        - {"h1", "h4", "h5", "h6", "hr", "tfoot"}
        - CONTENT_DROPPED
    },
}
# Every element name of HTML: a ``<`` followed by anything else is text.
HTML_ELEMENTS = markup.ELEMENTS
WORD = re.compile(r"\w+")


class TextWouldBeLost(ValidationError):
    """Sanitising this HTML would drop words a reader would see."""


def prepare(value: str, *, keep_attributes=False) -> str:
    """Escape every ``<…>`` that is not a tag by ``markup``'s rule, drop
    comments and declarations (Word's conditional comments with what they
    hold), undo office programs' habits (``office``) and rename tags to their
    allowed equivalents; what is left for nh3 is HTML whose text is all text.
    Renamed tags lose their attributes unless ``keep_attributes`` (reports)."""
    out = []
    for token in office.tidy(markup.tokens(value)):
        if isinstance(token, str):
            out.append(_escape_text(token))
        elif token.kind != "tag":
            continue
        elif token.name == "figure" and not token.closing and _media_id(token):
            # The reference, empty; whatever the figure held follows it.
            out.append(media.reference(_media_id(token)) + "<p>")
        elif token.name in RENAMES:
            target = RENAMES[token.name]
            keep = keep_attributes or target in ("strong", "em")
            rest = token.rest if keep and target != "br" else ""
            out.append(f"<{'/' if token.closing else ''}{target}{rest}>")
        else:
            out.append(token.raw)
    return "".join(out)


def _media_id(token) -> str | None:
    for name, value in token.pairs:
        if name.lower() == MEDIA_ATTRIBUTE and MEDIA_ID.fullmatch(value or ""):
            return value
    return None


def _escape_text(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def sanitize(value: str) -> str:
    """Return ``value`` (HTML, as the editor or an import gives it) cleaned to the
    allowlist; raise ``TextWouldBeLost`` rather than drop a word of text.

    The words are those of the input as ``visible`` reads it (not of what
    ``prepare`` made of it): a word the cleaning loses is noticed whichever
    step lost it."""
    if not value:
        return ""
    cleaned = _cleaner.clean(prepare(value))
    cleaned = _drop_empty_paragraphs(cleaned)
    lost = lost_words(visible.visible_words(value), words(cleaned))
    if lost:
        raise TextWouldBeLost(
            _(
                "Saving this text would lose words (%(words)s); nothing was saved. "
                "Paste it as plain text or remove the markup around them."
            )
            % {"words": ", ".join(sorted(set(lost))[:10])},
            code="text_lost",
        )
    return cleaned


def lost_words(before: list[str], after: list[str]) -> list[str]:
    """The words of ``before`` missing from ``after`` (as many times as they
    are missing). A word found inside a longer word of ``after`` is not
    missing: an inline element the cleaning removed joined it to its
    neighbour ("a<span>b</span>" reads "ab"), as the page shows it."""
    missing = Counter(before) - Counter(after)
    if not missing:
        return []
    longer = [word for word in set(after) if len(word) > 1]
    return sorted(
        word
        for word, count in missing.items()
        for _ in range(count)
        if not any(word in other and word != other for other in longer)
    )


_TABLE_OPEN = re.compile(r"<table>")


def for_readers(cleaned: str, *, absolute=None) -> str:
    """Sanitised HTML as the public page shows it: library images as figures
    (``media``), allowlisted posts as click-to-load placeholders (``embeds``),
    every table in a region of its own that scrolls sideways on a narrow
    screen (reachable by keyboard, named for screen readers); the stored body
    holds references, links and the bare table. ``absolute`` makes image
    addresses full URLs (feeds)."""
    cleaned = embeds.render(media.render(cleaned, absolute=absolute))
    if "<table>" not in cleaned:
        return cleaned
    label = html.escape(_("Table (scrolls sideways)"))
    opening = (
        '<div class="table-scroll" role="region" tabindex="0" '
        f'aria-label="{label}"><table>'
    )
    return _TABLE_OPEN.sub(opening, cleaned).replace("</table>", "</table></div>")


def for_feeds(cleaned: str, *, absolute) -> str:
    """Sanitised HTML as feeds and the API give it: library images as figures
    with full addresses (``absolute`` makes a path a URL); embeds stay the
    links they are stored as."""
    return media.render(cleaned, absolute=absolute)


def _drop_empty_paragraphs(value: str) -> str:
    # Line breaks that open or close the body (Google Docs ends a copy with
    # one) show as nothing but a blank line.
    value = re.sub(r"<p>(?:\s|<br>)*</p>", "", value)
    start = _BLANK_START.match(value).end()
    # The end is found walking back: a pattern anchored at the end ("…+$")
    # would be tried from every position of a long blank run (quadratic).
    end = len(value)
    while end > start:
        if value[end - 1].isspace():
            end -= 1
        elif value.endswith("<br>", start, end):
            end -= 4
        else:
            break
    return value[start:end]


_BLANK_START = re.compile(r"(?:\s|<br>)*+")


class _TextCollector(HTMLParser):
    """The text a reader sees, with block boundaries as line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in CONTENT_DROPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in CONTENT_DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def to_text(value: str) -> str:
    """The body as plain text: paragraphs separated by blank lines, line breaks
    kept, entities decoded, no markup.

    The HTML is ``prepare``d first: every "<" that opens no tag is text
    before the parser sees it (Python's HTMLParser reads "<a <a <a …" in
    time quadratic in its length)."""
    collector = _TextCollector()
    collector.feed(prepare(value or ""))
    collector.close()
    text = "".join(collector.parts)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            paragraphs.append(block)
    return "\n\n".join(paragraphs)


def words(value: str) -> list[str]:
    """The words a reader sees in HTML ``value``."""
    return WORD.findall(to_text(value))


def from_text(text: str) -> str:
    """Plain text as HTML paragraphs: a blank line starts a paragraph, a single
    newline is a line break; every character escaped (nothing is markup)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    return "".join(
        "<p>"
        + "<br>".join(html.escape(line, quote=False) for line in p.split("\n"))
        + "</p>"
        for p in paragraphs
        if p
    )


BLOCK_START = re.compile(
    r"\s*<(p|div|h[1-6]|ul|ol|blockquote|table|section|article|br)\b[^<>]*>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether imported text is an HTML document (it opens with a block element)
    rather than plain text that happens to hold a ``<…>``. Importers that know
    (a JSON ``body_format``, a feed's content type) do not guess."""
    return bool(BLOCK_START.match(text))


def dropped(value: str) -> list[str]:
    """What sanitising ``value`` removes, for import reports: element names
    (with their content for scripts and styles) and attributes."""
    before = _inventory(prepare(value, keep_attributes=True))
    after = _inventory(sanitize(value))
    report = []
    for item, count in sorted((before - after).items()):
        report.append(f"{item} ×{count}" if count > 1 else item)
    return report


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = Counter()

    def handle_starttag(self, tag, attrs):
        suffix = _(" with its content") if tag in CONTENT_DROPPED else ""
        self.items[f"<{tag}>{suffix}"] += 1
        for name, _value in attrs:
            if not (tag == "a" and name == "rel"):
                self.items[f"{name}= on <{tag}>"] += 1


def _inventory(value: str) -> Counter:
    parser = _Inventory()
    parser.feed(value)
    parser.close()
    return parser.items


def word_count(value: str) -> int:
    return len(words(value))


def reading_minutes(value: str, *, per_minute: int = 200) -> int:
    """Minutes to read HTML ``value`` at ``per_minute`` words, at least one."""
    return max(1, round(word_count(value) / per_minute))
