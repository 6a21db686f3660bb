"""A trained filter of the capacities and jobs the facts rules propose —
measured on the dev half only (docs/datadesk.md, "A trained filter for
capacities and jobs").

    .venv/bin/python scripts/fact_filter_experiment.py grid   # dev CV figures
    .venv/bin/python scripts/fact_filter_experiment.py rank   # dev ranking

``grid`` cross-validates over the web corpus's ``dev`` articles (5 folds
round robin, and one fold per label file): each fold's articles are scored by
the rules alone and by the rules with a filter trained on the other folds,
for each training set (every figure the patterns read, or only those the
rules propose), L2 weight and threshold, with and without the rules'
decision as a feature. ``rank`` prints, for each kind, where the proposed
figures that are no fact fall among all proposed figures by the
cross-validated probability (0: least likely a fact). There is no held-out
mode: the lead scores held-out.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from articles.evaluation import fact_filter as training  # noqa: E402
from entities.extraction.facts import filter as fact_filter  # noqa: E402

FEATURES = fact_filter.features


def _without_decision(text, candidate):
    return [f for f in FEATURES(text, candidate) if ":proposed=" not in f]


def _figures(score):
    return (
        f"{score.precision:.2f} / {score.recall:.2f} "
        f"({score.true_positives}, {score.false_positives}, "
        f"{score.false_negatives})"
    )


def grid(articles):
    print(
        "| folds | trained on | rules' decision a feature | c2 | threshold "
        "| capacity P / R (TP, FP, FN) | jobs P / R |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    rules_printed = False
    for folds in (5, 0):
        for proposed_only in (False, True):
            for decision in (True, False):
                if proposed_only and not decision:
                    continue  # every example is proposed: the feature is constant
                fact_filter.features = FEATURES if decision else _without_decision
                for c2 in (0.1, 1.0, 10.0):
                    for threshold in (0.5, 0.7, 0.8, 0.9):
                        result = training.cross_validate(
                            articles,
                            folds=folds,
                            threshold=threshold,
                            proposed_only=proposed_only,
                            c2=c2,
                        )
                        if not rules_printed:
                            print(
                                f"| – | rules alone | | | | "
                                f"{_figures(result.rules['capacity'])} | "
                                f"{_figures(result.rules['jobs'])} |"
                            )
                            rules_printed = True
                        print(
                            f"| {folds or 'by file'} | "
                            f"{'proposed' if proposed_only else 'all figures'} | "
                            f"{'yes' if decision else 'no'} | {c2} | {threshold} | "
                            f"{_figures(result.filtered['capacity'])} | "
                            f"{_figures(result.filtered['jobs'])} |",
                            flush=True,
                        )
    fact_filter.features = FEATURES


def rank(articles, c2=1.0):
    assignment = training.fold_of(articles, 5)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(5):
            path = Path(tmp) / f"{fold}.crfsuite"
            chosen = [a for a in articles if assignment[a.name] != fold]
            fact_filter.train(
                list(training.examples(chosen, proposed_only=False)), path, c2=c2
            )
            model = fact_filter.FactFilter(path)
            held = [a for a in articles if assignment[a.name] == fold]
            for text, candidate, positive in training.examples(held):
                rows.append(
                    (
                        candidate.figure.kind,
                        model.probability(text, candidate),
                        positive,
                    )
                )
    for kind in fact_filter.FILTERED:
        ranked = sorted((r for r in rows if r[0] == kind), key=lambda r: r[1])
        wrong = [
            (i, f"{p:.2f}")
            for i, (_k, p, positive) in enumerate(ranked)
            if not positive
        ]
        print(f"{kind}: {len(ranked)} proposed, not facts at ranks {wrong}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("grid", "rank"))
    options = parser.parse_args()
    articles = training.dev_articles()
    print(f"{len(articles)} dev articles with their texts")
    {"grid": grid, "rank": rank}[options.mode](articles)


if __name__ == "__main__":
    main()
