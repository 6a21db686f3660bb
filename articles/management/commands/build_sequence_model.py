import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.evaluation.sequence import build
from entities.extraction.sequence.layer import DEFAULT_MODEL


class Command(BaseCommand):
    help = (
        "Train the extractor's sequence model (a CRF tagging people and "
        "organisations) on the labelled development texts, never the held-out "
        "ones, and write it where the extractor reads it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=DEFAULT_MODEL, help="the model file"
        )

    def handle(self, *args, output, **options):
        try:
            built = build(output)
        except ImportError as error:
            raise CommandError(str(error)) from error
        digest = hashlib.sha256(output.read_bytes()).hexdigest()[:16]
        self.stdout.write(
            f"Trained on {built.texts} texts ({built.web_texts} of the web "
            f"corpus's dev), {built.sentences} sentences, {built.tokens} tokens; "
            f"{built.unfound} labelled entities not found in their texts."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output} ({output.stat().st_size // 1024} KiB, "
                f"sha256 {digest}…)."
            )
        )
