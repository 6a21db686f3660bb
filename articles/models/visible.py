"""The words a reader of the INPUT would see, read independently of the
sanitiser, for the "never lose a word" check in ``richtext.sanitize``.

The sanitiser's own pipeline (``richtext.prepare``, then nh3) is what is being
checked, so none of it is used here: this is a separate, single-pass reader of
the raw input that shares with it only the rule (``markup``: which ``<…>`` is a
tag). Comments, declarations (``<!DOCTYPE>``, Word's ``<![if …]>``),
processing instructions, tags and the content of ``markup.CONTENT_DROPPED``
elements are not seen; everything else is, with entities decoded. Block
elements (``markup.BLOCKS``) separate words, inline ones do not (``a<b>c</b>``
reads "ac", as on the page).

Linear in the length of the input: every attempt to read a tag at a ``<``
stops at the next ``<`` outside a quoted value, and a quoted value ends at the
next quote of its kind.
"""

import html
import re

from articles.models import markup, office

WORD = re.compile(r"\w+")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9:-]*+")
_SPACE = re.compile(r"[ \t\n\r\f]*+")
_ATTRIBUTE_NAME = re.compile(r"[^ \t\n\r\f\"'<>/=]++")
_VALUE = re.compile(r"\"[^\"]*+\"|'[^']*+'|[^ \t\n\r\f\"'=<>`]++")


def _read_tag(value: str, at: int):
    """Read a tag starting at ``value[at] == "<"``: ``(end, name, closing)``
    when it is one by ``markup``'s rule, else None."""
    closing = value.startswith("/", at + 1)
    name = _NAME.match(value, at + 1 + closing)
    if not name:
        return None
    position, pairs = name.end(), []
    while True:
        space = _SPACE.match(value, position)
        position = space.end()
        if value.startswith(">", position):
            break
        if value.startswith("/>", position):
            position += 1
            break
        attribute = _ATTRIBUTE_NAME.match(value, position)
        # Attributes stand apart, separated by white space.
        if not space.group() or not attribute:
            return None
        position, attribute_value = attribute.end(), None
        equals = _SPACE.match(value, position).end()
        if value.startswith("=", equals):
            quoted = _VALUE.match(value, _SPACE.match(value, equals + 1).end())
            if not quoted:
                return None
            position, attribute_value = quoted.end(), quoted.group()
        pairs.append((attribute.group(), attribute_value))
    if not markup.is_tag(name.group(), pairs, closing=closing):
        return None
    return position + 1, name.group().lower(), closing


class _Ends:
    """The next ``-->`` and ``>`` after a position, each looked for once for
    all the openings before it (``<!<!<!…`` stays linear)."""

    def __init__(self, value):
        self.value, self.found = value, {}

    def next(self, needle: str, start: int) -> int:
        known = self.found.get(needle)
        if known is None or (0 <= known < start):
            known = self.value.find(needle, start)
            self.found[needle] = known
        return known


def _skip_markup(value: str, at: int, ends: _Ends) -> int | None:
    """The end of a comment, declaration or processing instruction starting
    at ``at``, or None when what starts there is text."""
    if value.startswith("<!--", at):
        end = ends.next("-->", at + 4)
        return None if end < 0 else end + 3
    if value.startswith(("<!", "<?"), at):
        end = ends.next(">", at + 2)
        following = value.find("<", at + 1)
        if end < 0 or 0 <= following < end:
            return None
        return end + 1
    return None


def visible_text(value: str) -> str:
    """The input's text as a reader sees it: block boundaries as line breaks,
    entities decoded within each stretch of text (as a browser does, "&l" and
    "t;" on either side of a tag never join into "&lt;"). Word's list markers
    (``office``) are not text; one opened and never closed is no marker."""
    parts, unclosed = _read(value, markers_before=len(value) + 1)
    if unclosed is not None:
        parts, _unclosed = _read(value, markers_before=unclosed)
    return "".join(parts)


def _read(value: str, *, markers_before: int):
    """The parts of ``visible_text``, and where a list marker opened that
    never closed (None if none did); markers opening at or after
    ``markers_before`` are not markers."""
    parts, position, ends = [], 0, _Ends(value)
    hidden_from = None  # where the list marker being read opened

    def text(stretch):
        if hidden_from is None:
            parts.append(html.unescape(stretch))

    while (start := value.find("<", position)) >= 0:
        text(value[position:start])
        end = _skip_markup(value, start, ends)
        if end is not None:
            raw = value[start:end]
            opens = office.LIST_MARKER_START.search(raw)
            closes = office.LIST_MARKER_END.search(raw)
            if hidden_from is None and opens and not closes and start < markers_before:
                hidden_from = start
            elif hidden_from is not None and closes:
                hidden_from = None
            position = end
            continue
        tag = _read_tag(value, start)
        if tag is None:
            text("<")
            position = start + 1
            continue
        end, name, closing = tag
        position = end
        if hidden_from is not None:
            continue
        if name in markup.BLOCKS:
            parts.append("\n")
        if name in markup.CONTENT_DROPPED and not closing:
            close = re.compile(rf"</{re.escape(name)}[\s/>]", re.IGNORECASE)
            found = close.search(value, position)
            position = len(value) if found is None else found.start()
    text(value[position:])
    return parts, hidden_from


def visible_words(value: str) -> list[str]:
    """The words of ``visible_text``."""
    return WORD.findall(visible_text(value))
