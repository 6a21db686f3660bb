"""From candidates to proposals: implausible names dropped, shorter forms
joined to the longest name they are part of."""

from ...kinds import PERSON
from .. import lexicon, places
from ..proposals import Proposal, normalise
from .grammar import ORG_WORD, Candidate
from .speech import SHORT_MENTION_VERBS, SpeechIndex


def plausible(candidate, org_spans, org_names):
    words = candidate.name.split()
    if places.surface_index().get(places.key(candidate.name)):
        return False
    # "Mardani H. Maming": one letter inside a name is an initial.
    if any(
        w in lexicon.HONORIFICS and not (0 < i < len(words) - 1 and len(w) == 2)
        for i, w in enumerate(words)
    ):
        return False
    # "Rabu", "April": a weekday or month opens or closes no name, though one
    # may stand inside it ("Putu Juli Ardika").
    if words[0] in lexicon.CALENDAR or words[-1] in lexicon.CALENDAR:
        return False
    if any(w in lexicon.ORG_SUFFIXES or ORG_WORD.match(w) for w in words):
        return False
    if normalise(candidate.name) in org_names:
        return False
    return not any(start <= candidate.start < end for start, end in org_spans)


def proposals(candidates: list[Candidate], text: str) -> list[Proposal]:
    """One proposal per person: shorter forms ("Siti Aisyah", "Budi") join the
    longest name they are part of."""
    result: list[Proposal] = []
    # Every run of words of every proposal so far -> the first proposal
    # holding it: a shorter form joins the first proposal it is a part of.
    parts: dict[tuple, Proposal] = {}
    for candidate in sorted(candidates, key=lambda c: -len(c.name.split())):
        words = candidate.name.split()
        alias = candidate.also
        target = parts.get(tuple(normalise(w) for w in words))
        if target:
            if candidate.name != target.name:
                target.aliases.add(candidate.name)
            target.role = target.role or candidate.role
            continue
        if (
            len(words) == 1
            and not candidate.titled
            and candidate.rule
            not in {
                "people.role_apposition",
                "people.role_name",
                "people.name_age",
                "people.speech_name_role",
                "people.according_to",
            }
        ):
            continue
        proposal = Proposal(
            PERSON,
            candidate.name,
            candidate.evidence,
            0.8,
            role=candidate.role.strip(" ,"),
            rule=candidate.rule,
        )
        if alias:
            proposal.aliases.add(alias)
        result.append(proposal)
        full = [normalise(w) for w in proposal.name.split()]
        for i in range(len(full)):
            for j in range(i + 1, len(full) + 1):
                parts.setdefault(tuple(full[i:j]), proposal)
    # Later short mentions ("kata Budi", "ujar Hartono") name the same person.
    spoken = SpeechIndex(text, SHORT_MENTION_VERBS, bounded=True)
    for proposal in result:
        for part in proposal.name.split():
            if len(part) > 2 and part in spoken:
                proposal.aliases.add(part)
    return result
