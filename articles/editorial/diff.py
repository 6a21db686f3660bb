"""Word differences between two texts, for people: what recovering a refused
edit would change, and what changed between two revisions.

``word_diff`` compares word by word (``difflib``), paragraph breaks being
words of their own, and shortens long unchanged stretches to their edges, so a
one-word fix in a long body shows as that word in its sentence, not as two
full texts to compare by eye.
"""

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\n\s*\n|\S+")
PARAGRAPH = "\n\n"
CONTEXT = 12  # unchanged words kept on each side of a change


@dataclass(frozen=True)
class Segment:
    """A run of words: ``same``, ``del`` (only in the old text), ``ins`` (only
    in the new) or ``gap`` (unchanged words left out)."""

    op: str
    text: str


def _tokens(text: str) -> list[str]:
    return [PARAGRAPH if t[0].isspace() else t for t in TOKEN.findall(text or "")]


def _join(tokens) -> str:
    return re.sub(r" ?\n\n ?", "\n\n", " ".join(tokens))


def _opcodes(old: list, new: list):
    # Most edits are local: the common start and end are matched first, so
    # the quadratic part of the comparison only sees what lies between.
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while (
        end < min(len(old), len(new)) - start
        and old[len(old) - 1 - end] == new[len(new) - 1 - end]
    ):
        end += 1
    if start:
        yield "equal", 0, start, 0, start
    middle = difflib.SequenceMatcher(
        None, old[start : len(old) - end], new[start : len(new) - end], autojunk=False
    )
    for tag, i1, i2, j1, j2 in middle.get_opcodes():
        yield tag, i1 + start, i2 + start, j1 + start, j2 + start
    if end:
        yield "equal", len(old) - end, len(old), len(new) - end, len(new)


def _same(tokens, *, first, last, context) -> list[Segment]:
    """An unchanged run, cut to ``context`` words beside the changes around it
    (none before the first change, none after the last)."""
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(tokens) <= keep_head + keep_tail + 1:
        return [Segment("same", _join(tokens))]
    parts = []
    if keep_head:
        parts.append(Segment("same", _join(tokens[:keep_head])))
    parts.append(Segment("gap", "…"))
    if keep_tail:
        parts.append(Segment("same", _join(tokens[-keep_tail:])))
    return parts


def word_diff(old: str, new: str, *, context=CONTEXT) -> list[Segment]:
    """The segments that turn ``old`` into ``new``; empty if they have the same
    words."""
    a, b = _tokens(old), _tokens(new)
    if a == b:
        return []
    codes = list(_opcodes(a, b))
    segments = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            segments += _same(
                a[i1:i2], first=n == 0, last=n == len(codes) - 1, context=context
            )
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("del", _join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(Segment("ins", _join(b[j1:j2])))
    return segments
