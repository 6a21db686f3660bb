"""Which ``<…>`` in a body is markup and which is text: the rule ``richtext``
applies before the sanitiser and ``visible`` applies, read independently, to
count the words a save must keep.

A ``<…>`` is a tag only when it is well formed (closed by ``>``), names an
element of HTML (``html_elements.txt``) and every attribute it carries is an
attribute of HTML (``html_attributes.txt``, or ``data-*``, ``aria-*``, an event
handler ``on…=``, an office ``prefix:name``); a bare attribute (no ``=``) must
be one that stands alone (``nowrap``, ``checked``). Anything else is text:
``<p dan q>``, ``<a third of>``, ``<select all>``, ``<s d 10 ribu ton>``,
``<p dan="">``, ``<Rp5 triliun>``, ``<b tidak ditutup``. An end tag carries no
attributes (``</p dan>`` is text).
"""

import re
from pathlib import Path

_DATA = Path(__file__).parent

# Every element name of HTML (WHATWG plus obsolete ones pasted from old pages).
ELEMENTS = frozenset((_DATA / "html_elements.txt").read_text("utf-8").split())


def _attribute_names():
    valued, bare = set(), set()
    section = valued
    for line in (_DATA / "html_attributes.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "[bare]":
            section = bare
            continue
        section.add(line)
    return frozenset(valued | bare), frozenset(bare)


ATTRIBUTES, BARE_ATTRIBUTES = _attribute_names()
_PATTERNED = re.compile(r"(?:data|aria)-[a-z0-9_.:-]+|[a-z]+:[a-z][a-z0-9_.-]*")
_HANDLER = re.compile(r"on[a-z]+")

# Elements that separate the words around them (a reader sees a line break):
# both readers of visible words (``visible`` for the input, ``richtext.to_text``
# for the output) break words at them, and the sanitiser keeps a boundary for
# each (allowed, or renamed to ``p``/``br``).
BLOCKS = frozenset(
    """p h1 h2 h3 h4 h5 h6 li ul ol blockquote div section article header footer
    aside main nav figure figcaption address center pre dl dt dd details summary
    table caption thead tbody tfoot tr td th hr fieldset legend form dialog menu
    dir hgroup search select option optgroup datalist listing xmp br""".split()  # noqa: SIM905
)
# Elements whose content is not text a reader sees: dropped with them.
CONTENT_DROPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}
    | {"title"}  # a pasted document's title ("Microsoft Word - laporan.docx")
)

# One attribute inside a tag: its name and its value (quoted or not), if any.
ATTRIBUTE = re.compile(
    r"""\s*+(?P<name>[^\s"'>/=]++)"""
    r"""(?:\s*+=\s*+(?P<value>"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+"""
)


def attributes(rest: str) -> list[tuple[str, str | None]]:
    """The attributes of a tag whose text after its name is ``rest`` (as
    ``richtext``'s tag reader gives it): ``(name, value or None)``, values
    unquoted. A closing ``/`` is not an attribute."""
    found, at = [], 0
    rest = rest.rstrip()
    if rest.endswith("/"):
        rest = rest[:-1]
    while at < len(rest) and (match := ATTRIBUTE.match(rest, at)):
        value = match["value"]
        if value is not None and value[:1] in "\"'":
            value = value[1:-1]
        found.append((match["name"], value))
        at = match.end()
    return found


def attribute_known(name: str, *, bare: bool) -> bool:
    """Whether ``name`` may stand in a tag (without a value if ``bare``)."""
    name = name.lower()
    if _PATTERNED.fullmatch(name):
        return True
    if bare:
        return name in BARE_ATTRIBUTES
    return name in ATTRIBUTES or bool(_HANDLER.fullmatch(name))


def is_tag(name: str, pairs, *, closing: bool) -> bool:
    """Whether a well-formed ``<name …>`` with attributes ``pairs`` is markup
    rather than text that happens to stand between ``<`` and ``>``."""
    if name.lower() not in ELEMENTS:
        return False
    if closing:
        return not pairs
    return all(attribute_known(n, bare=value is None) for n, value in pairs)


def style_of(pairs) -> str:
    """The ``style`` attribute among ``pairs``, lowercased, spaces removed."""
    for name, value in pairs:
        if name.lower() == "style" and value:
            return re.sub(r"\s+", "", value.lower())
    return ""


def attribute(pairs, wanted: str) -> str:
    """The value of attribute ``wanted`` among ``pairs`` ("" if absent)."""
    for name, value in pairs:
        if name.lower() == wanted:
            return value or ""
    return ""


# A tag, as a browser would read one: ``<name …>``, ``</name>``, a comment, a
# declaration (``<!DOCTYPE …>``, Word's ``<![if …]>``), a processing
# instruction (``<?xml …?>``). Attribute values may hold ``>`` inside quotes.
# ``_tags`` reads it in linear time.
TAG = re.compile(
    r"""<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)"""
    r"""(?P<rest>(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?)>"""
    r"""|<!--.*?-->|<[!?][^<>]*>""",
    re.DOTALL,
)

# ``TAG`` read in pieces, so that no stretch of text is read again from each
# "<" inside it ("<a <a <a …" with no ">" took time quadratic in its length):
# a tag's opening, one attribute at a time (each possessive: what ``TAG``
# would match, without backtracking that could never succeed), and its end.
_TAG_OPEN = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*+)")
_ATTRIBUTE = re.compile(
    r"""\s++[^\s"'>/=]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+"""
)
_TAG_CLOSE = re.compile(r"\s*+/?>")
_DECLARATION = re.compile(r"<[!?][^<>]*+>")


class Tag:
    """A piece of markup in a body: ``kind`` "tag" (``name`` lowercased,
    ``closing``, ``rest`` the text after the name, ``pairs`` its attributes),
    "comment" or "declaration"; ``raw`` as written."""

    def __init__(self, raw, kind="tag", name="", closing=False, rest=""):
        self.raw, self.kind, self.name = raw, kind, name.lower()
        self.closing, self.rest = closing, rest
        self.pairs = attributes(rest) if kind == "tag" else []

    @classmethod
    def make(cls, name, closing=False):
        """A plain tag the cleaning writes itself (``<li>``, ``</ul>``)."""
        return cls(f"<{'/' if closing else ''}{name}>", name=name, closing=closing)

    def __repr__(self):
        return f"Tag({self.raw!r})"


def _tags(value: str):
    """``Tag``s for the matches of ``TAG.finditer(value)`` with their
    positions, in time linear in ``value``.

    An element's attributes end where they end whichever "<" the reading
    started from: where they were read once and led nowhere (no ">"), every
    later start that reaches the same place fails there too, so the place is
    remembered (``dead``). Comments end at the next "-->", found once for all
    the "<!--" before it."""
    dead = set()  # positions inside a tag from which no ">" is reached
    comment_close = None  # the next "-->" (-1: none), once looked for
    position = 0
    while (start := value.find("<", position)) >= 0:
        found, end = None, None
        opening = _TAG_OPEN.match(value, start)
        if opening:
            at, passed = opening.end(), []
            while at not in dead and (attribute := _ATTRIBUTE.match(value, at)):
                passed.append(at)
                at = attribute.end()
            closing = None if at in dead else _TAG_CLOSE.match(value, at)
            if closing:
                end = closing.end()
                found = Tag(
                    value[start:end],
                    name=opening["name"],
                    closing=bool(opening["close"]),
                    rest=value[opening.end() : end - 1],
                )
            else:
                dead.update(passed, (at,))
        elif value.startswith("<!--", start):
            if comment_close is None or 0 <= comment_close < start + 4:
                comment_close = value.find("-->", start + 4)
            if comment_close >= 0:
                end = comment_close + 3
                found = Tag(value[start:end], kind="comment")
        elif declaration := _DECLARATION.match(value, start):
            end = declaration.end()
            found = Tag(value[start:end], kind="declaration")
        if found is None:
            position = start + 1
        else:
            yield start, found
            position = end


def tokens(value: str):
    """``value`` as text (``str``, as written) and markup (``Tag``), in order.
    A ``<…>`` that is not a tag by the rule above comes as text."""
    position = 0
    for start, tag in _tags(value):
        if tag.kind == "tag" and not is_tag(tag.name, tag.pairs, closing=tag.closing):
            continue  # text: it stays in the stretch up to the next tag
        if start > position:
            yield value[position:start]
        yield tag
        position = start + len(tag.raw)
    if position < len(value):
        yield value[position:]
