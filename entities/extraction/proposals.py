"""What the extractor proposes, and how proposals for one thing are folded
together."""

import functools
import re
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
    name = re.sub(r"\s*\((?!Persero\))\s*[A-Z][A-Za-z]{1,12}\s*\)\s*", " ", name)
    name = re.sub(r"\s+Republik Indonesia$", "", name)
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
    for proposal in sorted(same, key=lambda p: (p.entity_id is None, -len(p.name))):
        forms = proposal.forms
        forms |= {normalise(f"PT {a}") for a in proposal.aliases if a.isupper()}
        target = next(
            (
                m
                for m in merged
                if forms & m.forms
                or (m.entity_id and m.entity_id == proposal.entity_id)
            ),
            None,
        )
        if target:
            target.aliases |= {proposal.name, *proposal.aliases} - {target.name}
            target.confidence = max(target.confidence, proposal.confidence)
            target.role = target.role or proposal.role
            target.entity_id = target.entity_id or proposal.entity_id
        else:
            merged.append(proposal)
    # Acronym-only companies ("PT KS") fold into the full name they abbreviate.
    for proposal in list(merged):
        short = re.fullmatch(r"PT\.? ?([A-Z]{2,6})", proposal.name)
        if not short:
            continue
        owner = next(
            (m for m in merged if m is not proposal and short.group(1) in m.aliases),
            None,
        )
        if owner:
            owner.aliases |= {proposal.name, *proposal.aliases}
            merged.remove(proposal)
    return others + merged
