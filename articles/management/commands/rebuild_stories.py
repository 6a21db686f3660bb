import time

from django.core.management.base import BaseCommand

from articles.stories import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the near-duplicate index (every article's text signature) and "
        "the stories found by text, oldest article first, as imports find them. "
        "The desk's merges, splits and canonical choices are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=2000)

    def handle(self, *args, chunk, **options):
        started = time.monotonic()
        counts = rebuild(
            chunk=chunk,
            progress=lambda message: (
                self.stdout.write(message) if options["verbosity"] > 1 else None
            ),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts['articles']} articles indexed, {counts['stories']} stories "
                f"({counts['members']} articles) found, {counts['kept_by_desk']} kept "
                f"as the desk placed them, in {time.monotonic() - started:.1f} s."
            )
        )
