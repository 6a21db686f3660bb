"""Precision and recall of the entity extractor against hand-labelled articles.

The labelled set lives in ``tests/data/extraction/``: the article texts and
``annotations.json``, which lists for each file the people and organisations it
names (each as the forms that count as a match) and the codes of the regions it
mentions (the home country excluded, as every article is about it).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from entities.extraction import Extractor, normalise
from entities.kinds import EVALUATED

from ..importing.parsers import parse_text

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "data" / "extraction"
KINDS = EVALUATED


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self):
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self):
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def _forms(proposal):
    return {normalise(form) for form in (proposal.name, *proposal.aliases)}


def score_document(proposals, gold) -> dict[str, tuple[Score, list, list]]:
    """Score one article's proposals; also return what was missed and what was
    wrongly found, for the report."""
    result = {}
    gold_sets = {
        "person": [{normalise(f) for f in forms} for forms in gold["people"]],
        "organisation": [
            {normalise(f) for f in forms} for forms in gold["organisations"]
        ],
    }
    for kind in ("person", "organisation"):
        score, matched, wrong = Score(), set(), []
        for proposal in (p for p in proposals if p.kind == kind):
            hits = [
                i for i, forms in enumerate(gold_sets[kind]) if forms & _forms(proposal)
            ]
            if hits:
                if hits[0] not in matched:
                    score.true_positives += 1
                matched.update(hits)
            else:
                score.false_positives += 1
                wrong.append(proposal.name)
        missed = [
            sorted(forms)[0]
            for i, forms in enumerate(gold_sets[kind])
            if i not in matched
        ]
        score.false_negatives = len(missed)
        result[kind] = (score, missed, wrong)
    found = {p.code for p in proposals if p.kind == "region"}
    expected = set(gold["regions"])
    score = Score(len(found & expected), len(found - expected), len(expected - found))
    result["region"] = (score, sorted(expected - found), sorted(found - expected))
    return result


def evaluate(directory: Path = DEFAULT_SET, *, group: str = ""):
    """Run the extractor over the labelled set (or the files under ``group``);
    return totals per kind and the per-document details."""
    annotations = json.loads(
        (directory / "annotations.json").read_text(encoding="utf-8")
    )
    if group:
        annotations = {
            k: v for k, v in annotations.items() if k.startswith(f"{group}/")
        }
    extractor = Extractor()
    totals = {kind: Score() for kind in KINDS}
    details = []
    for filename, gold in annotations.items():
        parsed = parse_text(
            (directory / filename).read_text(encoding="utf-8"), origin=filename
        )
        proposals = extractor.extract(
            parsed.text, title=parsed.title, dateline=parsed.dateline
        )
        scored = score_document(proposals, gold)
        for kind, (score, missed, wrong) in scored.items():
            totals[kind].true_positives += score.true_positives
            totals[kind].false_positives += score.false_positives
            totals[kind].false_negatives += score.false_negatives
            details.append((filename, kind, missed, wrong))
    return totals, details
