from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Write the database (as natural-key JSON) and all media files to one "
        "tar.gz, with a manifest of row counts and a checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", type=Path, help="default: backups/warta-<time>.tar.gz"
        )

    def handle(self, *args, path=None, **options):
        path = path or Path("backups") / f"warta-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        manifest = backup.create(path)
        rows, files = sum(manifest["counts"].values()), manifest["media_files"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path}: {rows} rows, {files} media files."
            )
        )
