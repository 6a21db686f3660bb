"""What the extractor proposes, and how proposals for one thing are folded
together."""

import functools
import re
from bisect import insort
from dataclasses import dataclass, field

from ..kinds import ORGANISATION


@dataclass
class Proposal:
    """Something the article seems to be about, with the text that says so and
    the rule that found it (``people.role_apposition``, ``known.mention`` …)."""

    kind: str  # person, organisation, place or region (entities.kinds)
    name: str
    evidence: str
    confidence: float
    aliases: set = field(default_factory=set)
    role: str = ""
    code: str = ""  # the region's official code, for regions and places
    entity_id: int | None = None  # an existing entity this matches
    rule: str = ""

    @property
    def key(self):
        return f"{self.kind}:{self.code or normalise(self.name)}"

    @property
    def forms(self) -> set:
        return {normalise(f) for f in (self.name, *self.aliases)} - {""}


@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """A name as compared: lower case, punctuation and legal forms dropped."""
    name = re.sub(r"\bPT\.", "PT", name)
    name = re.sub(r"\(Persero\)|\bTbk\b|\bRepublik Indonesia\b|\bProvinsi\b", " ", name)
    return re.sub(r"[^\w]+", " ", name).strip().lower()


def tidy(name: str) -> str:
    """A name as shown: "PT." as "PT", no parenthesised abbreviation inside."""
    name = re.sub(r"\bPT\. ?", "PT ", name)
    # "(?<!\s)": spaces are read from the first of a run, not again from each
    # of them (a long run made these quadratic).
    name = re.sub(
        r"(?:(?<!\s)\s+)?\((?!Persero\))\s*[A-Z][A-Za-z]{1,12}\s*\)\s*", " ", name
    )
    name = re.sub(r"(?<!\s)\s+Republik Indonesia$", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,.")


def add(proposals: dict, proposal: Proposal) -> None:
    """Add ``proposal`` to ``proposals`` (by key), folding it into one with the
    same key: aliases join, the longer organisation name wins."""
    existing = proposals.get(proposal.key)
    if not existing:
        proposals[proposal.key] = proposal
        return
    existing.aliases |= proposal.aliases | (
        {proposal.name} if proposal.name != existing.name else set()
    )
    existing.confidence = max(existing.confidence, proposal.confidence)
    if len(proposal.name) > len(existing.name) and proposal.kind == ORGANISATION:
        existing.aliases.add(existing.name)
        existing.name = proposal.name
    existing.role = existing.role or proposal.role
    existing.entity_id = existing.entity_id or proposal.entity_id


def merge_variants(proposals: list[Proposal], kind: str) -> list[Proposal]:
    """Fold proposals of ``kind`` that share a form ("PT KS" and "PT Krakatau
    Steel (KS)"), or the same known entity, into one, keeping the longest name."""
    same = [p for p in proposals if p.kind == kind]
    others = [p for p in proposals if p.kind != kind]
    merged: list[Proposal] = []
    # Each form and entity of the merged proposals -> the first (in ``merged``)
    # that has it: the proposal a new one folds into, in one lookup each.
    by_form: dict[str, int] = {}
    by_entity: dict[int, int] = {}

    def remember(position):
        target = merged[position]
        for form in target.forms:
            by_form.setdefault(form, position)
        if target.entity_id:
            by_entity.setdefault(target.entity_id, position)

    for proposal in sorted(same, key=lambda p: (p.entity_id is None, -len(p.name))):
        forms = proposal.forms
        forms |= {normalise(f"PT {a}") for a in proposal.aliases if a.isupper()}
        positions = [by_form[f] for f in forms if f in by_form]
        if proposal.entity_id in by_entity:
            positions.append(by_entity[proposal.entity_id])
        if positions:
            position = min(positions)
            target = merged[position]
            target.aliases |= {proposal.name, *proposal.aliases} - {target.name}
            target.confidence = max(target.confidence, proposal.confidence)
            target.role = target.role or proposal.role
            target.entity_id = target.entity_id or proposal.entity_id
        else:
            merged.append(proposal)
            position = len(merged) - 1
        remember(position)
    # Acronym-only companies ("PT KS") fold into the full name they abbreviate:
    # the first other proposal with the acronym as an alias.
    with_alias: dict[str, list[int]] = {}
    for position, proposal in enumerate(merged):
        for alias in proposal.aliases:
            with_alias.setdefault(alias, []).append(position)
    gone = set()
    for position, proposal in enumerate(merged):
        short = re.fullmatch(r"PT\.? ?([A-Z]{2,6})", proposal.name)
        if not short:
            continue
        owner = next(
            (
                p
                for p in with_alias.get(short.group(1), ())
                if p != position and p not in gone
            ),
            None,
        )
        if owner is not None:
            added = {proposal.name, *proposal.aliases} - merged[owner].aliases
            merged[owner].aliases |= added
            for alias in added:
                insort(with_alias.setdefault(alias, []), owner)
            gone.add(position)
    return others + [p for i, p in enumerate(merged) if i not in gone]
