from django.core.management.base import BaseCommand

from articles.facts import export


class Command(BaseCommand):
    help = (
        "Export every extracted fact (accepted or pending) as JSON Lines or CSV: the "
        "article's imported_from file name and original_url, kind, normalised value, "
        "unit or currency, company, region code, status, review and evidence."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=export.FORMATS, default="jsonl")
        parser.add_argument(
            "--output", "-o", help="File to write (default: standard output)."
        )
        parser.add_argument(
            "--rejected", action="store_true", help="Rejected facts too."
        )

    def handle(self, *args, **options):
        lines = export.lines(options["format"], rejected=options["rejected"])
        if not options["output"]:
            for line in lines:
                self.stdout.write(line, ending="")
            return
        with open(options["output"], "w", encoding="utf-8", newline="") as output:
            for line in lines:
                output.write(line)
        self.stderr.write(self.style.SUCCESS(f"Exported to {options['output']}."))
