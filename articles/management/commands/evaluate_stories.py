from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation import web_stories
from articles.evaluation.stories import DEFAULT_SET, SETS, evaluate
from articles.stories.index import HISTORY, PARAMS


class Command(BaseCommand):
    help = (
        "Print pairwise precision and recall of 'same story' and cluster purity "
        "on the labelled articles in tests/data/stories/ (dev, held-out, all)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set", type=Path, default=DEFAULT_SET, help="labelled folder"
        )
        parser.add_argument(
            "--only", choices=SETS, help="one set only (default: all three)"
        )
        parser.add_argument(
            "--details", action="store_true", help="list wrong and missed pairs"
        )
        parser.add_argument(
            "--stress",
            action="store_true",
            help="date every hard negative the day after the story it resembles",
        )
        parser.add_argument(
            "--params",
            choices=sorted(HISTORY),
            help="an earlier configuration (see docs/stories.md), not the current",
        )

        parser.add_argument(
            "--web",
            choices=("dev", "heldout"),
            help="the web corpus's real events (tests/data/corpus/stories.json), "
            "imported with import_articles in a transaction rolled back; "
            "held-out: totals only",
        )
        parser.add_argument(
            "--dates",
            choices=web_stories.DATES,
            default="read",
            help="with --web: the dates the importer reads (default), the "
            "labelled ones, or none (text alone)",
        )

    def handle(self, *args, set, only, details, params, stress, web, dates, **options):
        if web:
            return self._web(web, dates, details)
        params = HISTORY[params] if params else PARAMS
        self.stdout.write(
            f"{'set':<9}{'articles':>9}{'stories':>8}{'clusters':>9}"
            f"{'precision':>10}{'recall':>8}{'purity':>8}{'TP':>6}{'FP':>5}{'FN':>5}"
        )
        for name in [only] if only else SETS:
            result = evaluate(name, params, folder=set, stress=stress)
            self.stdout.write(
                f"{name:<9}{result.articles:>9}{result.stories:>8}"
                f"{result.clusters:>9}{result.precision:>10.3f}{result.recall:>8.3f}"
                f"{result.purity:>8.3f}{result.true_positives:>6}"
                f"{result.false_positives:>5}{result.false_negatives:>5}"
            )
            if details:
                for a, b in result.wrong_pairs:
                    self.stdout.write(f"  {name} wrongly together: {a} {b}")
                for a, b in result.missed_pairs:
                    self.stdout.write(f"  {name} missed: {a} {b}")

    def _web(self, split, dates, details):
        if details and split == "heldout":
            raise CommandError("--details lists pairs: held-out is for totals only")
        result = web_stories.evaluate(split, dates=dates)
        self.stdout.write(
            f"web-{split} (dates: {dates}): {result.articles} articles, "
            f"{result.stories} stories, {result.clusters} clusters, precision "
            f"{result.precision:.3f} recall {result.recall:.3f} (TP "
            f"{result.true_positives}, FP {result.false_positives}, FN "
            f"{result.false_negatives})"
        )
        if details:
            for a, b in result.wrong_pairs:
                self.stdout.write(f"  wrongly together: {a} {b}")
            for a, b in result.missed_pairs:
                self.stdout.write(f"  missed: {a} {b}")
