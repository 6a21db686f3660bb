from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict

from articles.api import export, params
from articles.api.representations import Links


class Command(BaseCommand):
    help = (
        "Export published articles as JSON Lines (the API's article detail per "
        "line), CSV or ninjs 2.1 (one document per line), newest first, with the "
        "public list's filters. Streams in batches: memory stays the same "
        "whatever the number of articles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=export.FORMATS, default="jsonl")
        parser.add_argument(
            "--output", "-o", help="File to write (default: standard output)."
        )
        parser.add_argument("--q", help="Full-text search.")
        parser.add_argument("--region", help="Region slug (sub-regions included).")
        parser.add_argument("--topic", help="Topic slug (sub-topics included).")
        parser.add_argument(
            "--entity",
            action="append",
            default=[],
            help="Entity slug; repeat it to require several.",
        )
        parser.add_argument("--kind", help="Mentions an entity of this kind.")
        parser.add_argument("--source", help="Source slug.")
        parser.add_argument("--date-from", help="Published on or after (YYYY-MM-DD).")
        parser.add_argument("--date-to", help="Published on or before (YYYY-MM-DD).")
        parser.add_argument(
            "--site-url",
            default=settings.WARTA_SITE_URL,
            help="Base of the absolute addresses in the export "
            "(default: DJANGO_SITE_URL).",
        )
        parser.add_argument("--batch", type=int, default=export.BATCH)

    def handle(self, *args, **options):
        query = QueryDict(mutable=True)
        for name in ("q", "region", "topic", "kind", "source", "date_from", "date_to"):
            if options[name] is not None:
                query[name] = options[name]
        query.setlist("entity", options["entity"])
        try:
            filterset = params.article_filter(query)
        except params.InvalidParameters as exc:
            problems = "; ".join(
                f"--{name.replace('_', '-')}: {' '.join(messages)}"
                for name, messages in exc.errors.items()
            )
            raise CommandError(problems) from exc
        if options["batch"] < 1:
            raise CommandError("--batch: a whole number of at least 1.")
        articles = params.filtered_articles(filterset)
        links = Links(options["site_url"].rstrip("/"))
        chunks = export.chunks(
            articles, kind=options["format"], links=links, size=options["batch"]
        )
        if not options["output"]:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        with open(options["output"], "w", encoding="utf-8", newline="") as output:
            for chunk in chunks:
                output.write(chunk)
        self.stderr.write(self.style.SUCCESS(f"Exported to {options['output']}."))
