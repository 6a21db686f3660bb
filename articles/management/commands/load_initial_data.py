import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article

SEED_FIXTURES = (
    "0001_regions",
    "0002_topics",
    "0003_sources",
    "0004_entities",
    "0005_keywords",
    "0006_articles",
    "0007_article_tags",
    "0008_pages",
    "0009_authors",
)


class Command(BaseCommand):
    help = (
        "Load the seed regions, topics, sources, entities and articles from "
        "fixtures/ (and copy fixtures/media into MEDIA_ROOT). Records are matched "
        "by natural key, so loading twice changes nothing. A database that already "
        "holds articles is left alone unless --force is given, so that editors' "
        "changes to seed articles are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reload the seed records even if the database already has articles.",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        existing = Article.objects.count()
        if existing and not force:
            self.stdout.write(
                f"The database already holds {existing} article(s); seed data not "
                "reloaded (use --force to overwrite the seed records)."
            )
            return
        self._copy_media()
        # One transaction around every file: a broken fixture leaves nothing behind.
        with transaction.atomic():
            for fixture in SEED_FIXTURES:
                try:
                    call_command("loaddata", fixture, verbosity=verbosity)
                except Exception as exc:
                    raise CommandError(
                        f"Seed data not loaded, nothing was changed. "
                        f"Fixture {fixture}: {exc}"
                    ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Seed data loaded: {Article.objects.count()} articles.")
        )

    def _copy_media(self):
        source = Path(settings.BASE_DIR) / "fixtures" / "media"
        if source.is_dir():
            shutil.copytree(source, settings.MEDIA_ROOT, dirs_exist_ok=True)
