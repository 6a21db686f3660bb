import time

from django.core.management.base import BaseCommand, CommandError

from articles.facts import rebuilding


class Command(BaseCommand):
    help = (
        "Add up every public fact of the investment tracker again, report how "
        "far the totals kept in the database had drifted from it, and replace "
        "them (with --check: report only, and fail if they drifted)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; exit with an error if the totals drifted",
        )

    def handle(self, *args, check, **options):
        started = time.monotonic()
        drift = rebuilding.rebuild(apply=not check)
        seconds = time.monotonic() - started
        for key, kept, found in drift.examples:
            self.stdout.write(f"  {key}: kept {kept}, counted {found}")
        summary = (
            f"{drift.totals} total(s) and {drift.facts} counted fact(s) differed "
            f"from a count from scratch ({seconds:.1f} s)"
        )
        if check and (drift.totals or drift.facts):
            raise CommandError(summary + "; run without --check to repair.")
        verb = "checked" if check else "rebuilt"
        self.stdout.write(self.style.SUCCESS(f"Tracker totals {verb}: {summary}."))
