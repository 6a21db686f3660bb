from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing.parsers import ImportFailed
from articles.importing.service import import_batch, parse_all

# How a publication date was found (``ParsedArticle.published_how``).
HOW_DATED = {
    "given": "given in the record",
    "feed": "the feed entry's date",
    "url": "in the address",
    "stamp": "the page's date and time",
    "text": "the report's day",
    "partial": "a day without year, the year from the address or the feed",
}


class Command(BaseCommand):
    help = (
        "Import articles from text files (as regional sites publish them), JSON "
        "(schema in articles/importing/parsers.py) or RSS/Atom feeds. New articles "
        "land 'in review' with suggested entities, regions and topics; an article "
        "whose URL or text is already here is reported and skipped. Every file is "
        "read and checked before anything is written: one bad file or record and "
        "nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would happen, and what formatting would be removed; "
            "write nothing",
        )

    def handle(self, *args, paths, dry_run, **options):
        try:
            report = import_batch(parse_all(paths), dry_run=dry_run)
        except ImportFailed as exc:
            raise CommandError(f"{exc}; nothing was imported") from exc
        verb = "would create" if dry_run else "created"
        for item in report.planned:
            origin = item.parsed.origin
            if item.created:
                article = item.article
                source = (
                    article.source
                    or (item.new_source and f"{item.new_source}, new source")
                    or "source not stated"
                )
                self.stdout.write(
                    f"{origin}: {verb} “{article.title}” ({source}), "
                    f"{len(item.suggestions)} suggestions"
                )
                parsed = item.parsed
                if parsed.original_published_on:
                    # How the date was found: the desk checks a guessed one.
                    how = HOW_DATED.get(parsed.published_how, parsed.published_how)
                    form = (
                        f" “{parsed.published_form}”" if parsed.published_form else ""
                    )
                    self.stdout.write(
                        f"{origin}: published {parsed.original_published_on} "
                        f"({how}{form})"
                    )
                if item.parsed.boilerplate:
                    self.stdout.write(
                        f"{origin}: left out as site furniture: "
                        + " | ".join(item.parsed.boilerplate)
                    )
                if item.same_story:
                    same = item.same_story
                    adds = "; ".join(
                        f"{kind}: {', '.join(values)}"
                        for kind, values in same.additions.items()
                    )
                    self.stdout.write(
                        f"{origin}: same story as “{same.title}” "
                        f"(similarity {same.match.score:.2f})"
                        + (f", adds {adds}" if adds else "")
                    )
                if item.parsed.dropped:
                    self.stdout.write(
                        f"{origin}: formatting removed: "
                        + ", ".join(item.parsed.dropped)
                    )
            elif item.duplicate:
                self.stdout.write(
                    f"{origin}: already here as “{item.duplicate.title}” "
                    f"(/{item.duplicate.slug}/), skipped"
                )
            else:
                self.stdout.write(
                    f"{origin}: the same text as {item.duplicate_in_batch}, skipped"
                )
        summary = f"{len(report.created)} new, {len(report.duplicates)} already present"
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run, nothing written: {summary}.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
