"""The words around a figure that say what it is (``data/fact_cues.tsv``):
found once per sentence, then asked which stands nearest a figure."""

import functools
import re
from dataclasses import dataclass

from ..lexicon import DATA


@functools.cache
def cues() -> dict[str, frozenset]:
    """{cue word: its classes} ("ekspor" is both not-an-investment and
    not-a-capacity)."""
    result: dict[str, set] = {}
    for line in (DATA / "fact_cues.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        result.setdefault(word.strip(), set()).add(kind.strip())
    return {word: frozenset(kinds) for word, kinds in result.items()}


@functools.cache
def pattern() -> re.Pattern:
    # Longest first, so that "penanaman modal" wins over "modal"; a cue is the
    # start of a word ("investasinya", "produksinya").
    words = sorted(cues(), key=len, reverse=True)
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*+",
        re.IGNORECASE,
    )


@dataclass(frozen=True)
class Cue:
    word: str
    kinds: frozenset
    start: int
    end: int


def find(text: str, start: int = 0, end: int | None = None) -> list["Cue"]:
    """The cues in ``text[start:end]``, in order, with positions in ``text``."""
    table = cues()
    found = []
    for match in pattern().finditer(text, start, len(text) if end is None else end):
        written = match.group(0).lower()
        # The cue is the longest listed word the written word starts with.
        word = next(
            (w for w in _prefixes(written) if w in table),
            None,
        )
        if word is not None:
            found.append(Cue(word, table[word], match.start(), match.end()))
    return found


def _prefixes(written: str):
    # Only the listed words' own lengths are tried: a long written word costs
    # as many lookups as there are different cue lengths, not its length.
    for length in _lengths():
        if length <= len(written):
            yield written[:length]


@functools.cache
def _lengths() -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in cues()}, reverse=True))


def nearest(found: list[Cue], position: int, kinds: set) -> Cue | None:
    """The cue of one of ``kinds`` nearest ``position`` (before it preferred:
    a cue after the figure counts at twice its distance)."""
    best, best_distance = None, None
    for cue in found:
        if not cue.kinds & kinds:
            continue
        if cue.end <= position:
            distance = position - cue.end
        else:
            distance = 2 * (cue.start - position)
        if best_distance is None or distance < best_distance:
            best, best_distance = cue, distance
    return best
