from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation.extraction import (
    DEFAULT_SET,
    GROUPS,
    KINDS,
    WEB_BATCHES,
    evaluate,
    evaluate_dates,
    evaluate_import,
    seeded_index,
)
from articles.evaluation.learning import evaluate_learning


class Command(BaseCommand):
    help = (
        "Print the entity extractor's precision and recall for people, organisations "
        "and regions on the hand-labelled articles in tests/data/extraction/, for an "
        "empty and for a seeded newsroom, and the importer's accuracy on the "
        "labelled metadata."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--set", type=Path, default=DEFAULT_SET, help="labelled folder"
        )
        parser.add_argument(
            "--group",
            action="append",
            choices=GROUPS,
            help="only these groups (repeatable; default: all but real-holdout's "
            "details)",
        )
        parser.add_argument(
            "--batch",
            action="append",
            choices=WEB_BATCHES,
            help="the web groups from these label files of tests/data/corpus/ only "
            "(repeatable; default: all)",
        )
        parser.add_argument(
            "--details", action="store_true", help="list misses and errors"
        )
        parser.add_argument(
            "--no-seeded",
            action="store_true",
            help="skip the run with the fixtures' entities as known entities",
        )

    def handle(self, *args, set, group, batch, details, no_seeded, **options):
        groups = group or list(GROUPS)
        batches = tuple(batch or WEB_BATCHES)
        held_out = [g for g in groups if g in ("real-holdout", "web-heldout")]
        if details and held_out:
            # The held-out parts are measured, never read for misses.
            raise CommandError(
                "--details lists misses: choose development groups with --group "
                f"({', '.join(sorted(held_out))} are for reporting only)"
            )
        newsrooms = [("empty", None)]
        if not no_seeded:
            newsrooms.append(("seeded", seeded_index()))
        self.stdout.write(
            f"{'newsroom':<9}{'set':<14}{'kind':<14}{'precision':>10}{'recall':>8}"
            f"{'TP':>5}{'FP':>5}{'FN':>5}"
        )
        shown = []
        for label, known in newsrooms:
            for name in groups:
                totals, rows = evaluate(set, group=name, known=known, batches=batches)
                for kind in KINDS:
                    score = totals[kind]
                    self.stdout.write(
                        f"{label:<9}{name:<14}{kind:<14}"
                        f"{score.precision:>10.2f}{score.recall:>8.2f}"
                        f"{score.true_positives:>5}{score.false_positives:>5}"
                        f"{score.false_negatives:>5}"
                    )
                if label == "empty":
                    seen = {(r[0], r[1]) for r in shown}
                    shown.extend(r for r in rows if (r[0], r[1]) not in seen)
        self.stdout.write("")
        self.stdout.write(
            "learning from the desk (each article scored before its own decisions; "
            "'later': not the first article from its outlet)"
        )
        for name in groups:
            if not name.startswith("real"):
                continue
            cold, learned, later_cold, later_learned = evaluate_learning(
                set, group=name
            )
            for label, totals in (
                ("empty", cold),
                ("learning", learned),
                ("later, empty", later_cold),
                ("later, learning", later_learned),
            ):
                if not any(
                    t.true_positives + t.false_positives + t.false_negatives
                    for t in totals.values()
                ):
                    self.stdout.write(f"{name:<14}{label:<17}no such articles")
                    continue
                self.stdout.write(
                    f"{name:<14}{label:<17}"
                    + "  ".join(
                        f"{kind} {totals[kind].precision:.2f}/{totals[kind].recall:.2f}"
                        for kind in KINDS
                    )
                )
        self.stdout.write("")
        self.stdout.write("importer (labelled metadata read right)")
        for name in groups:
            if not name.startswith("real"):
                continue
            fields, wrong = evaluate_import(set, group=name)
            right = sum(r for r, _ in fields.values())
            total = sum(t for _, t in fields.values())
            parts = ", ".join(f"{f} {r}/{t}" for f, (r, t) in fields.items())
            self.stdout.write(f"{name:<14}{right}/{total}: {parts}")
            if details:
                for document, field, expected, got in wrong:
                    self.stdout.write(
                        f"  {document} {field}: expected {expected!r}, got {got!r}"
                    )
        self.stdout.write("")
        self.stdout.write("publication dates read by the text importer")
        for name in groups:
            if not name.startswith("web"):
                continue
            score, wrong = evaluate_dates(set, group=name, batches=batches)
            self.stdout.write(
                f"{name:<14}precision {score.precision:.2f} recall {score.recall:.2f}"
                f" (TP {score.true_positives}, FP {score.false_positives},"
                f" FN {score.false_negatives})"
            )
            if details:
                for document, expected, got in wrong:
                    self.stdout.write(f"  {document}: expected {expected}, got {got}")
        if details:
            for filename, kind, missed, wrong in shown:
                if missed or wrong:
                    self.stdout.write(
                        f"{filename} {kind}: missed {missed}, wrong {wrong}"
                    )
