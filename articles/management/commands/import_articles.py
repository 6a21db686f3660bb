from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.importing.parsers import ImportFailed, parse_path
from articles.importing.service import article_import


class Command(BaseCommand):
    help = (
        "Import articles from text files (as regional sites publish them), JSON "
        "(schema in articles/importers.py) or RSS/Atom feeds. New articles land "
        "'in review' with suggested entities, regions and topics; an article whose "
        "URL or text is already here is reported and skipped. Every file is read "
        "before anything is written: one bad file and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="show what would happen; write nothing",
        )

    def handle(self, *args, paths, dry_run, **options):
        parsed = []
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file; nothing was imported")
            try:
                parsed.extend(parse_path(path))
            except ImportFailed as exc:
                raise CommandError(f"{exc}; nothing was imported") from exc
        created = duplicates = 0
        with transaction.atomic():
            for item in parsed:
                try:
                    result = article_import(parsed=item)
                except Exception as exc:
                    raise CommandError(
                        f"{item.origin}: {exc}; nothing was imported"
                    ) from exc
                if result.created:
                    created += 1
                    source = result.article.source or "source not stated"
                    self.stdout.write(
                        f"{item.origin}: {'would create' if dry_run else 'created'} "
                        f"“{result.article.title}” ({source}), "
                        f"{result.suggestions} suggestions"
                    )
                else:
                    duplicates += 1
                    self.stdout.write(
                        f"{item.origin}: already here as “{result.article.title}” "
                        f"(/{result.article.slug}/), skipped"
                    )
            if dry_run:
                transaction.set_rollback(True)
        summary = f"{created} new, {duplicates} already present"
        if dry_run:
            self.stdout.write(
                self.style.WARNING(f"Dry run, nothing written: {summary}.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
