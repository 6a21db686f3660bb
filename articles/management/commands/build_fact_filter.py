import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation.fact_filter import build, cross_validate, dev_articles
from entities.extraction.facts import filter as fact_filter


class Command(BaseCommand):
    help = (
        "Train the facts extractor's filter of capacities and jobs on the web "
        "corpus's dev labels, never the held-out ones, and write it where "
        "WARTA_FACT_FILTER can name it; with --cross-validate, print the dev "
        "figures of the rules alone and with a filter trained on the other folds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=fact_filter.DEFAULT_MODEL,
            help="the model file",
        )
        parser.add_argument(
            "--c2", type=float, default=1.0, help="L2 regularisation (default 1)"
        )
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help="print cross-validated dev figures instead of writing a model",
        )
        parser.add_argument(
            "--folds",
            type=int,
            default=5,
            help="folds of dev articles, round robin (0: one per label file)",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=fact_filter.THRESHOLD,
            help="the probability under which a proposed figure is dropped",
        )

    def handle(self, *args, output, c2, cross_validate, folds, threshold, **options):
        try:
            if cross_validate:
                self._cross_validate(folds, threshold, c2)
                return
            built = build(output, c2=c2)
        except ImportError as error:
            raise CommandError(str(error)) from error
        if not built.articles:
            raise CommandError("no dev texts here: fetch them (tests/data/corpus/)")
        digest = hashlib.sha256(output.read_bytes()).hexdigest()[:16]
        self.stdout.write(
            f"Trained on {built.articles} dev articles: {built.examples} capacity "
            f"and jobs figures, {built.positives} of them labelled facts."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({output.stat().st_size // 1024} KiB, "
                f"sha256 {digest}…)."
            )
        )

    def _cross_validate(self, folds, threshold, c2):
        articles = dev_articles()
        if not articles:
            raise CommandError("no dev texts here: fetch them (tests/data/corpus/)")
        result = cross_validate(articles, folds=folds, threshold=threshold, c2=c2)
        self.stdout.write(
            f"{len(articles)} dev articles, "
            f"{'one fold per label file' if not folds else f'{folds} folds'}, "
            f"threshold {threshold}, c2 {c2}"
        )
        for name, totals in (("rules", result.rules), ("with filter", result.filtered)):
            for kind in fact_filter.FILTERED:
                score = totals[kind]
                self.stdout.write(
                    f"{name:<12}{kind:<10}{score.precision:>6.2f}{score.recall:>6.2f}"
                    f"  ({score.true_positives} TP, {score.false_positives} FP, "
                    f"{score.false_negatives} FN)"
                )
