from django.core.management.base import BaseCommand, CommandError

from articles.evaluation.facts import FACT_BATCHES, GROUPS, evaluate_facts
from articles.evaluation.quotes import evaluate_quotes
from entities.extraction.facts import KINDS


class Command(BaseCommand):
    help = (
        "Print the facts extractor's precision and recall by kind (value within 1%) "
        "on the web corpus's blind labels (tests/data/corpus/), and how often the "
        "region, company and status of a matched fact agree with the label; and how "
        "many labelled quotes the quotes extractor finds, with the right speaker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--group",
            action="append",
            choices=GROUPS,
            help="only these halves (repeatable; default: both, totals only)",
        )
        parser.add_argument(
            "--batch",
            action="append",
            choices=FACT_BATCHES,
            help="only the articles of these label files (repeatable; default: all)",
        )
        parser.add_argument(
            "--details", action="store_true", help="list misses and errors"
        )

    def handle(self, *args, group, batch, details, **options):
        groups = group or list(GROUPS)
        batches = tuple(batch or FACT_BATCHES)
        if details and "web-heldout" in groups:
            # The held-out half is measured, never read for misses.
            raise CommandError(
                "--details lists misses: choose --group web-dev (web-heldout is for "
                "reporting only)"
            )
        self.stdout.write(
            f"{'set':<13}{'kind':<12}{'precision':>10}{'recall':>8}"
            f"{'TP':>5}{'FP':>5}{'FN':>5}"
        )
        for name in groups:
            totals, context, rows = evaluate_facts(group=name, batches=batches)
            for kind in KINDS:
                score = totals[kind]
                self.stdout.write(
                    f"{name:<13}{kind:<12}{score.precision:>10.2f}"
                    f"{score.recall:>8.2f}{score.true_positives:>5}"
                    f"{score.false_positives:>5}{score.false_negatives:>5}"
                )
            matched, region, company, status = context
            self.stdout.write(
                f"{name:<13}{len(rows)} articles; of {matched} matched facts: region "
                f"{region}, company {company}, status (investments) {status} agree"
            )
            if details:
                for row in rows:
                    for kind, surface in row.missed:
                        self.stdout.write(f"  {row.name} missed {kind} {surface!r}")
                    for kind, surface, evidence in row.wrong:
                        self.stdout.write(
                            f"  {row.name} wrong {kind} {surface!r}: {evidence}"
                        )
        self.stdout.write("")
        self.stdout.write(
            "quotes (found: an extracted quote holds the labelled anchor)"
        )
        for name in groups:
            labelled, found, right, extracted, rows = evaluate_quotes(
                group=name, batches=batches
            )
            recall = found / labelled if labelled else 1.0
            accuracy = right / found if found else 1.0
            self.stdout.write(
                f"{name:<13}labelled {labelled}, found {found} (recall {recall:.2f}), "
                f"speaker right {right} (accuracy {accuracy:.2f}), extracted "
                f"{extracted}"
            )
            if details:
                for document, what, speaker, anchor in rows:
                    self.stdout.write(f"  {document} {what}: {speaker}, {anchor!r}")
