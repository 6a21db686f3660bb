"""Precision and recall of the facts extractor against the web corpus's blind
labels (``tests/data/corpus/``: investment, capacity, jobs and land).

A fact is one (kind, value, currency) of an article: a figure written twice
("Rp160 triliun" in the lead and again in a quote) is one fact, on both sides.
A found fact matches a labelled one of its kind whose value is within 1% (and,
for money, whose currency is the same). The corpus's ``heldout`` half is
measured only to report totals, never read for misses.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from articles.importing.parsers import parse_text
from entities.extraction.facts import KINDS, extract_facts

from .extraction import WEB_BATCHES, WEB_CORPUS, Score, web_documents

TOLERANCE = Decimal("0.01")
GROUPS = ("web-dev", "web-heldout")
# The entity corpus's files, and articles labelled for facts and quotes only.
DATADESK_BATCH = "facts-datadesk.json"
FACT_BATCHES = (*WEB_BATCHES, DATADESK_BATCH)


@dataclass
class Details:
    """What one article's facts missed and got wrong, for the dev report."""

    name: str
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    # Of the matched facts: (region right, company right, status right).
    context: list = field(default_factory=list)


def _close(found: Decimal, expected: Decimal) -> bool:
    if expected == 0:
        return found == 0
    return abs(found - expected) <= abs(expected) * TOLERANCE


def _label_key(label):
    return (label["kind"], Decimal(str(label["value"])), label.get("currency") or "")


def score_facts(facts, labels) -> tuple[dict, Details]:
    """Score one article's facts against its labels, by kind."""
    expected = list(dict.fromkeys(_label_key(label) for label in labels))
    first_label = {}
    for label in labels:
        first_label.setdefault(_label_key(label), label)
    totals = {kind: Score() for kind in KINDS}
    details = Details("")
    matched = set()
    seen = set()
    for fact in facts:
        own = (fact.kind, fact.value, fact.currency)
        if own in seen:
            continue
        seen.add(own)
        hit = next(
            (
                i
                for i, (kind, value, currency) in enumerate(expected)
                if i not in matched
                and kind == fact.kind
                and currency == fact.currency
                and _close(fact.value, value)
            ),
            None,
        )
        if hit is None:
            totals[fact.kind].false_positives += 1
            details.wrong.append((fact.kind, fact.surface, fact.evidence[:160]))
            continue
        matched.add(hit)
        totals[fact.kind].true_positives += 1
        label = first_label[expected[hit]]
        details.context.append(
            (
                fact.region == (label.get("region") or ""),
                _same_company(fact.company, label.get("company")),
                fact.kind != "investment"
                or fact.status == (label.get("status") or "unknown"),
            )
        )
    for i, (kind, _value, _currency) in enumerate(expected):
        if i not in matched:
            totals[kind].false_negatives += 1
            details.missed.append((kind, first_label[expected[i]]["surface"]))
    return totals, details


def _same_company(found: str, expected) -> bool:
    if not expected:
        return not found
    return bool(found) and (
        found.lower() in expected.lower() or expected.lower() in found.lower()
    )


def evaluate_facts(
    corpus: Path = WEB_CORPUS, *, group: str = "web-dev", batches=FACT_BATCHES
):
    """Run the facts extractor over the corpus's articles in ``group`` whose
    texts are here; return (totals by kind, context agreement, details)."""
    totals = {kind: Score() for kind in KINDS}
    context = [0, 0, 0, 0]  # matched, region right, company right, status right
    rows = []
    for document in web_documents(corpus, batches):
        # batch-c labels people, organisations, regions and dates only.
        if group not in document.groups or "facts" not in document.gold:
            continue
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        facts = extract_facts(parsed.text, title=parsed.title)
        scores, details = score_facts(facts, document.gold.get("facts", []))
        details.name = document.name
        for kind, score in scores.items():
            totals[kind].add(score)
        for region, company, status in details.context:
            context[0] += 1
            context[1] += region
            context[2] += company
            context[3] += status
        rows.append(details)
    return totals, context, rows
