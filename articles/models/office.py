"""HTML pasted from office programs, made plain before the allowlist sees it:
Word's lists become lists, Google Docs' wrapper stops making everything bold.

- Word writes a list as paragraphs (``<p class=MsoListParagraph
  style="mso-list:l0 level1 lfo1">``) whose marker ("·", "o", "§", "1.", "a)")
  stands inside ``<![if !supportLists]>…<![endif]>`` (or the same as
  comments). Runs of such paragraphs become ``<ul>``/``<ol>`` with ``<li>``
  (nested by ``level``); the marker says which (a number or letter: ``ol``).
  The marker is not text: browsers that understand the list draw it, and it is
  dropped wherever it stands (``visible`` does not count it either).
- Google Docs wraps the whole copied fragment in ``<b style="font-weight:normal"
  id="docs-internal-guid-…">``: a ``<b>`` (or ``<strong>``) that says it is not
  bold is unwrapped; its bold and italic spans become ``strong`` and ``em``.
- Word's conditional comments (``<!--[if gte mso 9]>…<![endif]-->``) are
  comments and go with everything inside them (``richtext.prepare`` drops
  every comment and declaration).
"""

import html
import re

from articles.models.markup import Tag, attribute, style_of

LIST_MARKER_START = re.compile(r"\[if\s*!supportLists\]", re.IGNORECASE)
LIST_MARKER_END = re.compile(r"\[endif\]", re.IGNORECASE)
_LIST_STYLE = re.compile(r"mso-list:l(\d+)level(\d+)")
BOLD = ("b", "strong")
_ORDERED = re.compile(r"\(?(?:\d+|[a-z]|[ivxlc]+)[.)]", re.IGNORECASE)


def _not_bold(tag: Tag) -> bool:
    style = style_of(tag.pairs)
    return attribute(tag.pairs, "id").startswith("docs-internal-guid") or bool(
        re.search(r"font-weight:(?:normal|[1-4]00)(?:;|$)", style)
    )


def _unwrap_not_bold(tokens):
    opened = []  # per open <b>/<strong>: whether it was unwrapped
    for token in tokens:
        if isinstance(token, Tag) and token.kind == "tag" and token.name in BOLD:
            if not token.closing:
                opened.append(_not_bold(token))
                if opened[-1]:
                    continue
            elif opened and opened.pop():
                continue
        yield token


def _without_markers(tokens):
    """Drop Word's list markers; yield ``(token, "")`` for every other token
    and ``(None, marker)`` where a marker (its text) was dropped. A marker
    opened and never closed is no marker: what follows it is kept."""
    hidden = None  # the tokens inside an open marker
    for token in tokens:
        if isinstance(token, Tag) and token.kind != "tag":
            opens = LIST_MARKER_START.search(token.raw)
            closes = LIST_MARKER_END.search(token.raw)
            # "<!--[if !supportLists]>…<![endif]-->" is one comment.
            if hidden is None and opens and not closes:
                hidden = []
                continue
            if hidden is not None and closes:
                text = (html.unescape(t) for t in hidden if isinstance(t, str))
                yield None, "".join(text)
                hidden = None
                continue
        if hidden is not None:
            hidden.append(token)
        else:
            yield token, ""
    for token in hidden or ():
        yield token, ""


class _Item:
    def __init__(self, level, tag):
        self.level, self.tag, self.kind, self.content = level, tag, "ul", []


def _lists(items):
    """``<ul>``/``<ol>`` markup for Word's list paragraphs ``items``."""
    out, open_lists = [], []  # open_lists: (kind, level) from the outside in
    for item in items:
        while open_lists and (
            open_lists[-1][1] > item.level
            or (open_lists[-1][1] == item.level and open_lists[-1][0] != item.kind)
        ):
            kind, _level = open_lists.pop()
            out += [Tag.make("li", True), Tag.make(kind, True)]
        if open_lists and open_lists[-1][1] == item.level:
            out.append(Tag.make("li", True))
        else:
            out.append(Tag.make(item.kind))
            open_lists.append((item.kind, item.level))
        out += [Tag.make("li"), *item.content]
    while open_lists:
        kind, _level = open_lists.pop()
        out += [Tag.make("li", True), Tag.make(kind, True)]
    return out


def _word_lists(tokens):
    items, item = [], None
    for token, marker in _without_markers(tokens):
        if token is None:  # a marker: it says what kind of list
            if item is not None and _ORDERED.fullmatch(marker.strip(" \xa0")):
                item.kind = "ol"
            continue
        if item is not None:
            if isinstance(token, Tag) and token.name == "p" and token.closing:
                items.append(item)
                item = None
            else:
                item.content.append(token)
            continue
        is_tag = isinstance(token, Tag) and token.kind == "tag"
        found = (
            _LIST_STYLE.search(style_of(token.pairs))
            if is_tag and token.name == "p" and not token.closing
            else None
        )
        if found:
            item = _Item(int(found[2]), token)
            continue
        if items and isinstance(token, str) and not token.strip():
            continue  # white space between list paragraphs
        if items:
            yield from _lists(items)
            items = []
        yield token
    if item is not None:
        items.append(item)
    yield from _lists(items)


_BOLD_STYLE = re.compile(r"font-weight:(?:bold|bolder|[6-9]00)(?:;|$)")
_ITALIC_STYLE = re.compile(r"font-style:(?:italic|oblique)(?:;|$)")
_EMPHASIS = (("strong", _BOLD_STYLE), ("em", _ITALIC_STYLE))


def _styled_spans(tokens):
    """Google Docs writes bold and italic as styled spans
    (``<span style="font-weight:700">``): they become ``strong``/``em``, which
    the allowlist keeps, instead of losing their emphasis."""
    opened = []  # per open <span>: the tags it became
    for token in tokens:
        if isinstance(token, Tag) and token.kind == "tag" and token.name == "span":
            if not token.closing:
                style = style_of(token.pairs)
                became = [name for name, pattern in _EMPHASIS if pattern.search(style)]
                opened.append(became)
                yield token
                yield from (Tag.make(name) for name in became)
                continue
            if opened:
                yield from (Tag.make(name, True) for name in reversed(opened.pop()))
        yield token


def tidy(tokens):
    """``tokens`` (``markup.tokens``) with office programs' habits undone."""
    return _word_lists(_styled_spans(_unwrap_not_bold(tokens)))
