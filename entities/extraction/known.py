"""Known entities: every name and alias the newsroom has (its own, and what
editors accepted), found in new text with one Aho-Corasick automaton.

``KnownIndex`` is built once per set of entities (``entities.services``
keeps one per process and rebuilds it when the entities change) and answers
two questions: which entity a name means (``get``), and where known names occur
in a text (``find``). Short or all-capital forms ("KS", "NTB") match only as
written; longer ones ignore case. A match must stand as whole words.
"""

import re
from dataclasses import dataclass

import ahocorasick_rs

from ..kinds import PERSON
from .proposals import normalise

WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True)
class Known:
    entity_id: int
    name: str
    kind: str

    # The old index held (id, name, kind) tuples: keep indexing working.
    def __getitem__(self, i):
        return (self.entity_id, self.name, self.kind)[i]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    known: Known


def _exact_only(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", form)
    return len(form) <= 4 or (len(letters) >= 2 and letters.isupper())


class KnownIndex:
    """The known-entity index: ``get(form)`` and ``find(text)``."""

    def __init__(self, rows=()):
        self._by_form: dict[str, Known] = {}
        self._entries: list[tuple[str, bool, Known]] = []
        patterns: dict[str, int] = {}
        for entity_id, name, kind, aliases in rows:
            known = Known(entity_id, name, kind)
            for form in (name, *aliases):
                form = form.strip()
                if len(form) < 2:
                    continue
                lowered = form.lower()
                self._by_form.setdefault(lowered, known)
                normalised = normalise(form)
                if normalised != lowered:
                    self._by_form.setdefault(normalised, known)
                if lowered in patterns:
                    continue
                if kind == PERSON and len(form.split()) < 2:
                    # "Budi", "Liu": a first name alone names many people;
                    # it links a proposal (``get``) but finds no mention.
                    continue
                patterns[lowered] = len(self._entries)
                self._entries.append((form, _exact_only(form), known))
        # Standard match kind with overlapping matches: every occurrence is
        # seen, and the whole-word check below picks among them.
        self._automaton = (
            ahocorasick_rs.AhoCorasick(list(patterns)) if patterns else None
        )

    def __len__(self):
        return len(self._entries)

    def __bool__(self):
        return bool(self._entries)

    def __contains__(self, form):
        return self.get(form) is not None

    def get(self, form: str, default=None) -> Known | None:
        """The entity ``form`` names, by its name or an alias."""
        return (
            self._by_form.get(form.lower())
            or self._by_form.get(normalise(form))
            or default
        )

    def find(self, text: str) -> list[Match]:
        """Every known name in ``text`` as whole words, longest first where two
        overlap."""
        if not self._entries:
            return []
        found = []
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        for index, start, end in self._automaton.find_matches_as_indexes(
            lowered, overlapping=True
        ):
            form, exact, known = self._entries[index]
            if start > 0 and WORD_CHAR.match(text[start - 1]):
                continue
            if end < len(text) and WORD_CHAR.match(text[end]):
                continue
            surface = text[start:end]
            if exact and surface != form:
                continue
            found.append(Match(start, end, surface, known))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        result, reach = [], -1
        for match in found:
            if match.start >= reach:
                result.append(match)
                reach = match.end
        return result


def known_index(entities) -> KnownIndex:
    """Build the index from ``(id, name, kind, [aliases])`` rows."""
    return KnownIndex(entities)
