from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Replace ALL content (database and media) with a backup made by "
        "'manage.py backup'. The backup is checked first and loaded in one "
        "transaction: a bad backup changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing everything"
        )

    def handle(self, *args, path, yes, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if not yes:
            answer = input(f"Replace all content with {path}? Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Not restored; nothing was changed.")
        try:
            manifest = backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(f"{exc}; nothing was changed") from exc
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {path} (made {manifest['created_at']}): {rows} rows, "
                f"{manifest['media_files']} media files."
            )
        )
