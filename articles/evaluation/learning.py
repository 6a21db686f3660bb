"""How the extractor does when the desk teaches it: a simulated desk decides
each article's suggestions by the labels before the next article arrives
(``evaluate_learning``; docs/extraction.md, "Learning from the desk")."""

from pathlib import Path

from articles.importing.parsers import parse_text
from entities.extraction import Extractor, known_index, normalise
from entities.kinds import ORGANISATION, PERSON

from .extraction import (
    DEFAULT_SET,
    KINDS,
    Score,
    documents,
    score_document,
    written_forms,
)


class Desk:
    """A simulated desk that decides every proposal by the labels: what matches
    a labelled entity is accepted (its written forms become aliases of that
    entity), the rest is rejected, and what the extractor missed is tagged by
    hand (a new known entity). It mirrors ``suggestion_accept``,
    ``suggestion_reject`` and ``rejected_keys`` without a database."""

    def __init__(self, negative_after: int = 2):
        self.entities: dict[tuple, list] = {}  # (kind, first form) -> forms
        self.rejections: dict[str, int] = {}
        self.accepted: set[str] = set()
        self.negative_after = negative_after

    def extractor(self) -> Extractor:
        rows = [
            (number, forms[0], kind, forms[1:])
            for number, ((kind, _first), forms) in enumerate(
                self.entities.items(), start=1
            )
        ]
        rejected = {
            key
            for key, count in self.rejections.items()
            if count >= self.negative_after and key not in self.accepted
        }
        return Extractor(known=known_index(rows), rejected=rejected)

    def decide(self, proposals, gold) -> None:
        for kind, field_name in ((PERSON, "people"), (ORGANISATION, "organisations")):
            labelled = gold[field_name]
            matched = set()
            for proposal in (p for p in proposals if p.kind == kind):
                forms = written_forms(proposal)
                hit = next(
                    (
                        i
                        for i, group in enumerate(labelled)
                        if forms & {normalise(f) for f in group}
                    ),
                    None,
                )
                if hit is None:
                    self.rejections[proposal.key] = (
                        self.rejections.get(proposal.key, 0) + 1
                    )
                    continue
                matched.add(hit)
                self.accepted.add(proposal.key)
                self._learn(kind, labelled[hit], [proposal.name, *proposal.aliases])
            for i, group in enumerate(labelled):
                if i not in matched:
                    self._learn(kind, group, [])

    def _learn(self, kind, group, written):
        forms = self.entities.setdefault((kind, group[0]), [group[0]])
        for form in (*group, *written):
            if form not in forms:
                forms.append(form)


def evaluate_learning(directory: Path = DEFAULT_SET, *, group: str = "real-dev"):
    """Run the articles of ``group`` in order through an empty newsroom whose
    desk decides each article's suggestions before the next arrives; score each
    article before its own decisions.

    Returns ``(cold, learned, later_cold, later_learned)``: totals per kind for
    the empty newsroom and for the learning one, over all articles and over the
    articles that are not the first from their outlet."""
    cold_extractor = Extractor()
    desk = Desk()
    totals = [{kind: Score() for kind in KINDS} for _ in range(4)]
    outlets_seen = set()
    for document in documents(directory):
        if group and group not in document.groups:
            continue
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        outlet = (document.gold.get("meta", {}).get("outlet") or parsed.outlet).lower()
        later = bool(outlet) and outlet in outlets_seen
        outlets_seen.add(outlet)
        learned = desk.extractor().extract(
            parsed.text, title=parsed.title, dateline=parsed.dateline
        )
        cold = cold_extractor.extract(
            parsed.text, title=parsed.title, dateline=parsed.dateline
        )
        for index, proposals in ((0, cold), (1, learned)):
            for kind, (score, _m, _w) in score_document(
                proposals, document.gold
            ).items():
                totals[index][kind].add(score)
                if later:
                    totals[index + 2][kind].add(score)
        desk.decide(learned, document.gold)
    return tuple(totals)
