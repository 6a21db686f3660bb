from pathlib import Path

from django.core.management.base import BaseCommand

from articles.suggestions.evaluation import DEFAULT_SET, KINDS, evaluate


class Command(BaseCommand):
    help = (
        "Print the entity extractor's precision and recall for people, organisations "
        "and regions on the hand-labelled articles in tests/data/extraction/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set", type=Path, default=DEFAULT_SET, help="labelled folder"
        )
        parser.add_argument(
            "--details", action="store_true", help="list misses and errors"
        )

    def handle(self, *args, set, details, **options):
        self.stdout.write(
            f"{'set':<9}{'kind':<14}{'precision':>10}{'recall':>8}"
            f"{'TP':>5}{'FP':>5}{'FN':>5}"
        )
        for group in ("seeds", "heldout", ""):
            totals, rows = evaluate(set, group=group)
            for kind in KINDS:
                score = totals[kind]
                self.stdout.write(
                    f"{group or 'all':<9}{kind:<14}"
                    f"{score.precision:>10.2f}{score.recall:>8.2f}"
                    f"{score.true_positives:>5}{score.false_positives:>5}"
                    f"{score.false_negatives:>5}"
                )
        if details:
            for filename, kind, missed, wrong in rows:
                if missed or wrong:
                    self.stdout.write(
                        f"{filename} {kind}: missed {missed}, wrong {wrong}"
                    )
