"""Issue 28: a trained sequence model (a CRF) beside the rules — measured.

    .venv/bin/python scripts/crf_experiment.py cv        # development only
    .venv/bin/python scripts/crf_experiment.py heldout   # totals only, logged

``cv`` cross-validates by outlet on the development texts (seeds, r01–r30,
r41–r60 and the web corpus's ``dev`` records whose texts are here): each
fold's model is trained on the other outlets and scored on its own, for the
rules alone, the model alone, and their combinations, at several
thresholds; with ``--misses`` it prints what each variant gets wrong on dev.

``bench`` times the extractor per article with and without the layer.

``heldout`` trains one model on every development text and scores the web
corpus's ``heldout`` records (and r31–r40) once, printing **totals only**,
and appends them to ``docs/extraction-crf-heldout.log``: every held-out
scoring is recorded there. Never tune on its output.
"""

import argparse
import datetime
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")

import django  # noqa: E402

django.setup()

from articles.evaluation.extraction import (  # noqa: E402
    Score,
    documents,
    score_document,
)
from articles.importing.parsers import parse_text  # noqa: E402
from entities.extraction import Extractor  # noqa: E402
from entities.extraction.sequence import layer  # noqa: E402
from entities.extraction.sequence import model as sequence  # noqa: E402
from entities.extraction.sequence.labels import bio_tags  # noqa: E402
from entities.extraction.tokens import sentences  # noqa: E402
from entities.kinds import ORGANISATION, PERSON  # noqa: E402

DEV_GROUPS = {"seeds", "real-dev", "real2", "web-dev"}
HELDOUT_GROUPS = {"web-heldout", "real-holdout"}
LOG = ROOT / "docs" / "extraction-crf-heldout.log"
KINDS = (PERSON, ORGANISATION)


class Item:
    """One labelled text, parsed, tokenised, tagged from its labels, and run
    through the rules once."""

    def __init__(self, document, extractor):
        self.document = document
        parsed = parse_text(document.path.read_text("utf-8"), origin=document.name)
        self.text = parsed.text
        self.sentences = [s for s in sentences(self.text) if s]
        gold = document.gold
        self.tags, self.unfound = bio_tags(
            self.text, self.sentences, gold["people"], gold["organisations"]
        )
        self.rules = extractor.extract(
            parsed.text, title=parsed.title, dateline=parsed.dateline
        )
        known = DEV_GROUPS | HELDOUT_GROUPS
        self.group = next(g for g in document.groups if g in known)

    @property
    def outlet(self) -> str:
        gold = self.document.gold
        return (
            gold.get("domain")
            or gold.get("meta", {}).get("outlet")
            or self.document.name.split("/")[0]
        ).lower()

    def sequences(self):
        return list(zip(self.sentences, self.tags, strict=True))


def load(groups) -> list[Item]:
    extractor = Extractor(sequence=None)  # the rules alone
    return [Item(d, extractor) for d in documents(web=True) if set(d.groups) & groups]


def folds(items, k):
    """Outlets dealt to ``k`` folds, biggest first, each to the smallest fold."""
    by_outlet = defaultdict(list)
    for item in items:
        by_outlet[item.outlet].append(item)
    sizes = [0] * k
    assignment = {}
    biggest_first = sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for outlet, members in biggest_first:
        fold = sizes.index(min(sizes))
        assignment[outlet] = fold
        sizes[fold] += len(members)
    return [[i for i in items if assignment[i.outlet] == f] for f in range(k)]


PARAMS: dict = {}


def train(items, path, algorithm="lbfgs", params=None):
    params = params if params is not None else (PARAMS if algorithm == "lbfgs" else {})
    sequences = [s for item in items for s in item.sequences()]
    sequence.train(sequences, path, algorithm=algorithm, params=params)
    return sequence.SequenceModel(path)


MISSES_OF: set[str] = set()
UNION_AT = (0.0, 0.5, 0.7, 0.8, 0.9)
FILTER_AT = (0.05, 0.1, 0.2, 0.3, 0.5)


def variants(item, analysis):
    """{variant name: proposals} for one text."""
    rules = item.rules
    others = [p for p in rules if p.kind not in KINDS]
    result = {"rules": rules}
    crf_all = sequence.proposals(analysis)
    result["crf"] = others + crf_all
    for t in UNION_AT:
        model = sequence.proposals(analysis, min_confidence=t)
        result[f"rules+crf@{t}"] = sequence.union(rules, model)
    for t in FILTER_AT:
        result[f"rules|crf>={t}"] = sequence.filtered(rules, analysis, t)
    for t in (0.7, 0.8, 0.9, 0.95):
        model = sequence.proposals(analysis, min_confidence=t)
        result[f"rules+crf(people)@{t}"] = sequence.union(rules, model, (PERSON,))
    for t in (0.8, 0.9):
        model = sequence.proposals(analysis, min_confidence=t)
        for f in (0.1, 0.2, 0.3):
            kept = [
                p
                for p in sequence.filtered(rules, analysis, f)
                if p.kind == ORGANISATION
            ]
            mixed = [p for p in rules if p.kind != ORGANISATION] + kept
            result[f"people+crf@{t},orgs|crf>={f}"] = sequence.union(
                mixed, model, (PERSON,)
            )
    result["layer"] = layer.apply(item.text, rules, _Fixed(analysis))
    for t in (0.9, 0.95, 0.98):
        headed = [
            p
            for p in sequence.proposals(analysis, min_confidence=t)
            if p.kind == ORGANISATION and _headed(p.name)
        ]
        result[f"layer+orgs(headed)@{t}"] = sequence.union(
            result["layer"], headed, (ORGANISATION,)
        )
        any_org = [
            p
            for p in sequence.proposals(analysis, min_confidence=t)
            if p.kind == ORGANISATION
        ]
        result[f"layer+orgs@{t}"] = sequence.union(
            result["layer"], any_org, (ORGANISATION,)
        )
    for t in FILTER_AT[:3]:
        model = sequence.proposals(analysis, min_confidence=0.8)
        result[f"(rules|crf>={t})+crf@0.8"] = sequence.union(
            sequence.filtered(rules, analysis, t), model
        )
    return result


# Chosen on development before held-out was scored (the candidate first);
# held-out is scored for these only.
HELDOUT_VARIANTS = (
    "rules+crf(people)@0.8",
    "rules",
    "crf",
    "rules+crf@0.8",
    "rules|crf>=0.2",
    "people+crf@0.8,orgs|crf>=0.2",
)


def _headed(name):
    from entities.extraction import lexicon
    from entities.extraction.sequence.features import _head_words

    words = name.split()
    return words[0].rstrip(".") in _head_words() or words[-1] in lexicon.COMPANY_TAILS


class _Fixed:
    """A model whose analysis is already made (the layer as wired, on it)."""

    def __init__(self, analysis):
        self.analysis = analysis

    def analyse(self, text):
        return self.analysis


def score_items(model, items, totals, misses=None, only=None):
    for item in items:
        analysis = model.analyse(item.text)
        for name, proposals in variants(item, analysis).items():
            if only is not None and name not in only:
                continue
            scored = score_document(proposals, item.document.gold)
            for kind in KINDS:
                score, missed, wrong = scored[kind]
                totals[name][item.group][kind].add(score)
                totals[name]["all"][kind].add(score)
                if misses is not None and name in MISSES_OF:
                    misses.append((name, item.document.name, kind, missed, wrong))


def new_totals():
    return defaultdict(lambda: defaultdict(lambda: {k: Score() for k in KINDS}))


def fmt(score):
    return (
        f"{score.precision:.2f} / {score.recall:.2f} "
        f"({score.true_positives}, {score.false_positives}, {score.false_negatives})"
    )


def report(totals, groups, out=sys.stdout):
    for name, by_group in totals.items():
        for group in groups:
            if group not in by_group:
                continue
            s = by_group[group]
            print(
                f"{name:28} {group:12} people {fmt(s[PERSON]):24} "
                f"organisations {fmt(s[ORGANISATION])}",
                file=out,
            )


def noise(items):
    entities = sum(
        len(i.document.gold["people"]) + len(i.document.gold["organisations"])
        for i in items
    )
    unfound = sum(i.unfound for i in items)
    tokens = sum(len(s) for i in items for s in i.sentences)
    tagged = sum(t != "O" for i in items for tags in i.tags for t in tags)
    return (
        f"{len(items)} texts, {tokens} tokens ({tagged} tagged), {entities} "
        f"labelled entities, {unfound} with no form found in the text"
    )


def cross_validate(args):
    items = load(DEV_GROUPS)
    print("dev:", noise(items))
    totals = new_totals()
    ap_totals = new_totals()
    MISSES_OF.update(args.misses)
    for name in ("c1", "c2"):
        if getattr(args, name) is not None:
            PARAMS[name] = getattr(args, name)
    print("params:", PARAMS)
    misses = [] if args.misses else None
    with tempfile.TemporaryDirectory() as tmp:
        for number, test in enumerate(folds(items, args.k)):
            training = [i for i in items if i not in test]
            model = train(training, Path(tmp) / f"fold{number}.crfsuite")
            score_items(model, test, totals, misses)
            if args.perceptron:
                ap = train(training, Path(tmp) / f"ap{number}.crfsuite", "ap")
                for item in test:
                    analysis = ap.analyse(item.text)
                    proposals = [
                        p for p in item.rules if p.kind not in KINDS
                    ] + sequence.proposals(analysis)
                    scored = score_document(proposals, item.document.gold)
                    for kind in KINDS:
                        ap_totals["perceptron"][item.group][kind].add(scored[kind][0])
                        ap_totals["perceptron"]["all"][kind].add(scored[kind][0])
            print(f"fold {number}: {len(test)} texts", file=sys.stderr)
    groups = ("all", "web-dev", "real-dev", "real2", "seeds")
    report(totals, groups)
    if args.perceptron:
        report(ap_totals, groups)
    if misses:
        for name, doc, kind, missed, wrong in misses:
            if missed or wrong:
                print(name, doc, kind, "missed:", missed, "wrong:", wrong)


def heldout(args):
    training = load(DEV_GROUPS)
    test = load(HELDOUT_GROUPS)
    totals = new_totals()
    with tempfile.TemporaryDirectory() as tmp:
        model = train(training, Path(tmp) / "all.crfsuite")
        score_items(model, test, totals, only=HELDOUT_VARIANTS)
    web = sum(1 for i in test if i.group == "web-heldout")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"# held-out scoring at {stamp}: trained on {noise(training)}; "
        f"scored {web} web-heldout texts and "
        f"{len(test) - web} of r31–r40; candidate: {HELDOUT_VARIANTS[0]}. {args.note}"
    )
    with LOG.open("a", encoding="utf-8") as log:
        for out in (sys.stdout, log):
            print(header, file=out)
            report(totals, ("web-heldout", "real-holdout"), out)


def bench(args):
    """Milliseconds per article, rules alone and with the layer: the 30
    development articles r01–r30 cut to 2,000 characters, ``--runs`` each."""
    import statistics
    import time

    from entities.extraction.sequence.layer import DEFAULT_MODEL

    texts = [
        parse_text(d.path.read_text("utf-8"), origin=d.name).text[:2000]
        for d in documents()
        if "real-dev" in d.groups
    ]
    model = sequence.SequenceModel(DEFAULT_MODEL)
    for name, extractor in (
        ("rules alone", Extractor(sequence=None)),
        ("rules + layer", Extractor(sequence=model)),
    ):
        extractor.extract(texts[0])
        times = []
        for _ in range(args.runs):
            for text in texts:
                start = time.perf_counter()
                extractor.extract(text)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(
            f"{name:14} p50 {statistics.median(times):.1f} ms, "
            f"p95 {times[int(len(times) * 0.95)]:.1f} ms "
            f"({len(texts)} articles × {args.runs}; load {os.getloadavg()[0]:.1f})"
        )


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv")
    cv.add_argument("-k", type=int, default=5)
    cv.add_argument("--misses", action="append", default=[], metavar="VARIANT")
    cv.add_argument("--perceptron", action="store_true")
    cv.add_argument("--c1", type=float)
    cv.add_argument("--c2", type=float)
    held = sub.add_parser("heldout")
    held.add_argument("--note", default="")
    timing = sub.add_parser("bench")
    timing.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    {"cv": cross_validate, "heldout": heldout, "bench": bench}[args.command](args)


if __name__ == "__main__":
    main()
