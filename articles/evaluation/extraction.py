"""Precision and recall of the entity extractor against hand-labelled articles,
and of the importer against the labelled metadata.

The labelled sets live in ``tests/data/extraction/``:

- ``annotations.json`` labels the five seed articles (``seeds/``) and three
  older held-out ones (``heldout/``);
- ``realistic/labels-a.json`` and ``labels-b.json`` label 40 articles in the
  styles of many outlets (``realistic/r01…r40``), with import metadata
  (``meta``: title, dateline, outlet, credit, boilerplate lines).

Each label lists the people and organisations an article names (each as the
forms that count as a match) and the codes of the regions it mentions (the home
country excluded, as every article is about it).

The realistic set is split once and for all: r01–r30 is where rules are
developed (``real-dev``), r31–r40 is kept back (``real-holdout``) and measured
only to report, never to read misses from.

``realistic2/labels-c.json`` labels r41–r60 (``real2``), written and labelled
blind to the extractor after r01–r40 had been used up; its first run is
recorded in ``docs/extraction.md`` before any change made with it in view.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from articles.importing.parsers import parse_text
from entities.extraction import Extractor, known_index, normalise
from entities.kinds import EVALUATED, ORGANISATION, PERSON, REGION

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "data" / "extraction"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
KINDS = EVALUATED
# The groups a report is made of; ``real-holdout`` is reported, never tuned on.
GROUPS = (
    "seeds",
    "heldout",
    "real-dev",
    "real-holdout",
    "real-all",
    "real2",
    "web-dev",
    "web-heldout",
)
# The web corpus: real articles, labelled blind (``tests/data/corpus/``); its
# texts are fetched into an ignored folder, so a fresh clone may lack them.
WEB_CORPUS = Path(settings.BASE_DIR) / "tests" / "data" / "corpus"
WEB_BATCHES = (
    "batch-a.json",
    "batch-b.json",
    "stories.json",
    "batch-c.json",
    "batch-d.json",
    "batch-e.json",
    "batch-f.json",
)
HOLDOUT_FROM = 31


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

    def add(self, other: "Score") -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


@dataclass
class Document:
    """One labelled article: where it is, which groups it belongs to, its label."""

    name: str  # "seeds/000_….txt", "realistic/r01_morowali.txt"
    path: Path
    gold: dict
    groups: tuple = field(default=())


def written_forms(proposal):
    return {normalise(form) for form in (proposal.name, *proposal.aliases)}


def score_document(proposals, gold) -> dict[str, tuple[Score, list, list]]:
    """Score one article's proposals; also return what was missed and what was
    wrongly found, for the report."""
    result = {}
    gold_sets = {
        PERSON: [{normalise(f) for f in forms} for forms in gold["people"]],
        ORGANISATION: [
            {normalise(f) for f in forms} for forms in gold["organisations"]
        ],
    }
    for kind in (PERSON, ORGANISATION):
        score, matched, wrong = Score(), set(), []
        for proposal in (p for p in proposals if p.kind == kind):
            hits = [
                i
                for i, forms in enumerate(gold_sets[kind])
                if forms & written_forms(proposal)
            ]
            if hits:
                if hits[0] not in matched:
                    score.true_positives += 1
                matched.update(hits)
            else:
                score.false_positives += 1
                wrong.append(proposal.name)
        missed = [
            gold[{PERSON: "people", ORGANISATION: "organisations"}[kind]][i][0]
            for i in range(len(gold_sets[kind]))
            if i not in matched
        ]
        score.false_negatives = len(missed)
        result[kind] = (score, missed, wrong)
    found = {p.code for p in proposals if p.kind == REGION}
    expected = set(gold["regions"])
    score = Score(len(found & expected), len(found - expected), len(expected - found))
    result[REGION] = (score, sorted(expected - found), sorted(found - expected))
    return result


def documents(
    directory: Path = DEFAULT_SET, *, web=False, batches=WEB_BATCHES
) -> list[Document]:
    """Every labelled article under ``directory``, with the groups it is in;
    with ``web``, the web corpus's too (of the label files ``batches``; scored
    on its own, by group)."""
    result = []
    annotations = directory / "annotations.json"
    if annotations.exists():
        for name, gold in json.loads(annotations.read_text("utf-8")).items():
            result.append(
                Document(name, directory / name, gold, (name.split("/", 1)[0],))
            )
    for labels in sorted((directory / "realistic").glob("labels-*.json")):
        for filename, gold in json.loads(labels.read_text("utf-8")).items():
            number = int(re.match(r"r(\d+)", filename).group(1))
            part = "real-holdout" if number >= HOLDOUT_FROM else "real-dev"
            result.append(
                Document(
                    f"realistic/{filename}",
                    directory / "realistic" / filename,
                    gold,
                    (part, "real-all"),
                )
            )
    for labels in sorted((directory / "realistic2").glob("labels-*.json")):
        for filename, gold in json.loads(labels.read_text("utf-8")).items():
            result.append(
                Document(
                    f"realistic2/{filename}",
                    directory / "realistic2" / filename,
                    gold,
                    ("real2",),
                )
            )
    if web:
        result += web_documents(batches=batches)
    return sorted(result, key=lambda d: d.name)


def web_documents(corpus: Path = WEB_CORPUS, batches=WEB_BATCHES) -> list[Document]:
    """The web corpus's labelled articles (of the label files ``batches``) whose
    texts are on this machine, in ``web-dev`` or ``web-heldout``."""
    result = []
    for batch in batches:
        labels = corpus / batch
        if not labels.exists():
            continue
        for record in json.loads(labels.read_text("utf-8")):
            path = corpus / "texts" / f"{record['id']}.txt"
            if path.exists():
                result.append(
                    Document(
                        f"web/{record['id']}", path, record, (f"web-{record['split']}",)
                    )
                )
    return result


def seeded_index(fixtures: Path = FIXTURES) -> dict:
    """The known-entity index of a newsroom seeded with the fixtures' entities
    (``0004_entities.json``: entities and their aliases)."""
    records = json.loads((fixtures / "0004_entities.json").read_text("utf-8"))
    entities, aliases = {}, {}
    for record in records:
        fields = record["fields"]
        if record["model"] == "entities.entity":
            entities[fields["name"]] = (len(entities) + 1, fields["kind"])
        elif record["model"] == "entities.entityalias":
            aliases.setdefault(fields["entity"][0], []).append(fields["name"])
    return known_index(
        (pk, name, kind, aliases.get(name, [])) for name, (pk, kind) in entities.items()
    )


def evaluate(
    directory: Path = DEFAULT_SET,
    *,
    group: str = "",
    known=None,
    extractor=None,
    batches=WEB_BATCHES,
):
    """Run the extractor over the labelled set (or the articles in ``group``,
    one of ``GROUPS``); return totals per kind and the per-document details.

    ``known`` is the newsroom's known-entity index (none: an empty newsroom).
    """
    extractor = extractor or Extractor(known=known)
    totals = {kind: Score() for kind in KINDS}
    details = []
    for document in documents(directory, web=group.startswith("web"), batches=batches):
        if group and group not in document.groups:
            continue
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        proposals = extractor.extract(
            parsed.text, title=parsed.title, dateline=parsed.dateline
        )
        scored = score_document(proposals, document.gold)
        for kind, (score, missed, wrong) in scored.items():
            totals[kind].add(score)
            details.append((document.name, kind, missed, wrong))
    return totals, details


# The importer ---------------------------------------------------------------------


META_FIELDS = ("title", "dateline", "outlet", "credit", "boilerplate")


def _same(a, b):
    return re.sub(r"\W+", " ", a or "").strip().lower() == (
        re.sub(r"\W+", " ", b or "").strip().lower()
    )


def evaluate_import(directory: Path = DEFAULT_SET, *, group: str = "real-dev"):
    """How often the text importer reads each labelled ``meta`` field right:
    title, dateline, outlet, credit, and every boilerplate line kept out of the
    body. Returns ``({field: (right, total)}, [(document, field, expected,
    got)])``."""
    totals = {name: [0, 0] for name in META_FIELDS}
    wrong = []
    for document in documents(directory):
        meta = document.gold.get("meta")
        if meta is None or (group and group not in document.groups):
            continue
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        got = {
            "title": parsed.title,
            "dateline": parsed.dateline,
            "outlet": parsed.outlet,
            "credit": parsed.credit,
        }
        for name, value in got.items():
            right = _same(value, meta.get(name, ""))
            totals[name][0] += right
            totals[name][1] += 1
            if not right:
                wrong.append((document.name, name, meta.get(name, ""), value))
        body = " ".join(parsed.text.split())
        for line in meta.get("boilerplate", []):
            kept = " ".join(line.split()) in body
            totals["boilerplate"][0] += not kept
            totals["boilerplate"][1] += 1
            if kept:
                wrong.append((document.name, "boilerplate", "dropped", line))
    return {name: tuple(v) for name, v in totals.items()}, wrong


def evaluate_dates(
    directory: Path = DEFAULT_SET, *, group: str = "web-dev", batches=WEB_BATCHES
):
    """How often the text importer reads the labelled publication date: returns
    ``(Score, [(document, expected, got)])``. A date given that is not the
    labelled one is a false positive (and, if one was labelled, a miss too)."""
    score, wrong = Score(), []
    for document in documents(directory, web=True, batches=batches):
        published = document.gold.get("published")
        if published is None or (group and group not in document.groups):
            continue
        expected = published.get("date")
        # The importer knows an article's address (a feed entry's link, a
        # record's ``original_url``); the corpus has no feed date to refer to.
        parsed = parse_text(
            document.path.read_text("utf-8"),
            origin=document.name,
            url=document.gold.get("url", ""),
        )
        got = parsed.original_published_on
        got = got.isoformat() if got else None
        if got and got == expected:
            score.true_positives += 1
            continue
        if got:
            score.false_positives += 1
        if expected:
            score.false_negatives += 1
        if got or expected:
            wrong.append((document.name, expected, got))
    return score, wrong
