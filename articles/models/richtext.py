"""Article bodies as sanitised HTML: one allowlist, from the editor's toolbar to
every reader, and never a word lost.

The allowlist is derived from ``EXTENSIONS``, the editor's configuration (django-
prose-editor): paragraphs, subheadings (h2, h3), bold, italic, links (http,
https, mailto; every link gets ``rel="noopener"``), bulleted and numbered lists,
block quotes and line breaks. ``sanitize`` applies it on save and again on output.

Sanitising never drops text. Before nh3 sees the HTML, every ``<`` that does not
open a real HTML tag (``a<b``, ``<Rp5 triliun``, ``<redaksi@warta.id>``) becomes
text, and tags with a near equivalent in the allowlist are renamed (``b`` →
``strong``, ``div`` → ``p``, ``h1`` → ``h2``) so that pasted structure and word
boundaries survive. Then the words of the result are compared with the words of
the input; if any would be lost (only the content of ``script``, ``style`` and
similar elements is meant to go), ``TextWouldBeLost`` refuses the save.

``to_text`` is the body as plain text (paragraphs separated by blank lines), for
search, suggestions, fingerprints, feeds' summaries and JSON-LD.
"""

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

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
    "History": True,
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener"


def _cleaner_options() -> dict:
    options = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    attributes = {tag: set(names) for tag, names in options["attributes"].items()}
    # rel is ours to set (nh3's link_rel), never the author's; no targets.
    attributes["a"] = {"href", "title"}
    attributes.pop("ol", None)
    return {
        "tags": set(options["tags"]),
        "attributes": attributes,
        "url_schemes": URL_SCHEMES,
        "link_rel": LINK_REL,
        "strip_comments": True,
    }


_cleaner = nh3.Cleaner(**_cleaner_options())
ALLOWED_TAGS = frozenset(_cleaner_options()["tags"])

# Tags renamed to their allowed equivalent before cleaning.
RENAMES = {
    "b": "strong",
    "i": "em",
    "h1": "h2",
    "h4": "h3",
    "h5": "h3",
    "h6": "h3",
    **{
        block: "p"
        for block in (
            "div",
            "section",
            "article",
            "header",
            "footer",
            "aside",
            "main",
            "nav",
            "figure",
            "figcaption",
            "address",
            "center",
            "pre",
            "table",
            "tr",
            "td",
            "th",
            "dl",
            "dt",
            "dd",
            "details",
            "summary",
        )
    },
}
# Elements whose content is not text a reader sees: dropped with them.
CONTENT_DROPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}
)
# Every element name of HTML (``html_elements.txt``, WHATWG plus obsolete ones
# pasted from old pages): a ``<`` followed by anything else is text.
HTML_ELEMENTS = frozenset(
    (Path(__file__).with_name("html_elements.txt")).read_text("utf-8").split()
)
# A tag, as a browser would read one: ``<name …>``, ``</name>``, a comment, a
# doctype. Attribute values may hold ``>`` inside quotes.
TAG = re.compile(
    r"""<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)"""
    r"""(?P<rest>(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?)>"""
    r"""|<!--.*?-->|<![A-Za-z][^<>]*>""",
    re.DOTALL,
)
WORD = re.compile(r"\w+")

# ``TAG`` read in pieces, so that no stretch of text is read again from each
# "<" inside it ("<a <a <a …" with no ">" took time quadratic in its length):
# a tag's opening, one attribute at a time (each possessive: what ``TAG``
# would match, without backtracking that could never succeed), and its end.
_TAG_OPEN = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*+)")
_ATTRIBUTE = re.compile(
    r"""\s++[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+"""
)
_TAG_CLOSE = re.compile(r"\s*+/?>")
_DECLARATION = re.compile(r"<![A-Za-z][^<>]*+>")


class _Tag:
    """What a match of ``TAG`` gives ``prepare``."""

    def __init__(self, value, start, end, name=None, close=None, rest=None):
        self._value, self._start, self._end = value, start, end
        self._groups = {"name": name, "close": close, "rest": rest}

    def start(self):
        return self._start

    def end(self):
        return self._end

    def group(self, number=0):
        return self._value[self._start : self._end]

    def __getitem__(self, name):
        return self._groups[name]


def _tags(value: str):
    """The matches of ``TAG.finditer(value)``, in time linear in ``value``.

    An element's attributes end where they end whichever "<" the reading
    started from: where they were read once and led nowhere (no ">"), every
    later start that reaches the same place fails there too, so the place is
    remembered (``dead``). Comments end at the next "-->", found once for all
    the "<!--" before it."""
    dead = set()  # positions inside a tag from which no ">" is reached
    comment_close = None  # the next "-->" (-1: none), once looked for
    position = 0
    while (start := value.find("<", position)) >= 0:
        found = None
        opening = _TAG_OPEN.match(value, start)
        if opening:
            at, passed = opening.end(), []
            while at not in dead and (attribute := _ATTRIBUTE.match(value, at)):
                passed.append(at)
                at = attribute.end()
            closing = None if at in dead else _TAG_CLOSE.match(value, at)
            if closing:
                found = _Tag(
                    value,
                    start,
                    closing.end(),
                    opening["name"],
                    opening["close"],
                    value[opening.end() : closing.end() - 1],
                )
            else:
                dead.update(passed, (at,))
        elif value.startswith("<!--", start):
            if comment_close is None or 0 <= comment_close < start + 4:
                comment_close = value.find("-->", start + 4)
            if comment_close >= 0:
                found = _Tag(value, start, comment_close + 3)
        elif declaration := _DECLARATION.match(value, start):
            found = _Tag(value, start, declaration.end())
        if found is None:
            position = start + 1
        else:
            yield found
            position = found.end()


class TextWouldBeLost(ValidationError):
    """Sanitising this HTML would drop words a reader would see."""


def prepare(value: str, *, keep_attributes=False) -> str:
    """Escape every ``<`` that does not open a real tag and rename tags to their
    allowed equivalents; what is left for nh3 is HTML whose text is all text.
    Renamed tags lose their attributes unless ``keep_attributes`` (reports)."""
    out, position = [], 0
    for match in _tags(value):
        out.append(_escape_text(value[position : match.start()]))
        name = (match["name"] or "").lower()
        if match["name"] is not None and name not in HTML_ELEMENTS:
            out.append(_escape_text(match.group(0)))  # <Rp5 triliun>: text
        elif name in RENAMES:
            target = RENAMES[name]
            keep = keep_attributes or target in ("strong", "em")
            rest = match["rest"] if keep else ""
            out.append(f"<{'/' if match['close'] else ''}{target}{rest or ''}>")
        else:
            out.append(match.group(0))
        position = match.end()
    out.append(_escape_text(value[position:]))
    return "".join(out)


def _escape_text(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def sanitize(value: str) -> str:
    """Return ``value`` (HTML, as the editor or an import gives it) cleaned to the
    allowlist; raise ``TextWouldBeLost`` rather than drop a word of text."""
    if not value:
        return ""
    prepared = prepare(value)
    cleaned = _cleaner.clean(prepared)
    cleaned = _drop_empty_paragraphs(cleaned)
    lost = Counter(words(prepared)) - Counter(words(cleaned))
    if lost:
        raise TextWouldBeLost(
            _(
                "Saving this text would lose words (%(words)s); nothing was saved. "
                "Paste it as plain text or remove the markup around them."
            )
            % {"words": ", ".join(sorted(lost)[:10])},
            code="text_lost",
        )
    return cleaned


def _drop_empty_paragraphs(value: str) -> str:
    return re.sub(r"<p>(?:\s|<br>)*</p>", "", value).strip()


class _TextCollector(HTMLParser):
    """The text a reader sees, with block boundaries as line breaks."""

    BLOCKS = {"p", "h2", "h3", "li", "blockquote", "ul", "ol", *RENAMES}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in CONTENT_DROPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in CONTENT_DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
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
