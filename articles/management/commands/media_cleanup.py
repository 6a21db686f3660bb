import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.editorial import images
from articles.importing import staging
from articles.models import Article, MediaImage


class Command(BaseCommand):
    help = (
        "Delete image files that no article or library image refers to: left "
        "behind when a worker was killed after storing an upload and before the "
        "save committed. Files "
        "younger than --min-age minutes are kept (an upload may be in flight)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60, help="minutes")
        parser.add_argument("--dry-run", action="store_true", help="list only")

    def handle(self, *args, min_age, dry_run, **options):
        referenced = set()
        for name, renditions in Article.objects.exclude(featured_image="").values_list(
            "featured_image", "image_renditions"
        ):
            referenced.update(images.files_of(name, renditions))
        for image in MediaImage.objects.only("file", "image_renditions"):
            referenced.update(image.files())
        cutoff = time.time() - min_age * 60
        root = Path(settings.MEDIA_ROOT)
        stale = [
            name
            for name in images.orphans(referenced)
            if (root / name).stat().st_mtime < cutoff
        ]
        for name in stale:
            self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {name}")
        if not dry_run:
            images.delete_files(stale)
            # Import files uploaded in the admin and never confirmed.
            staging.discard_older_than(24 * 3600)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(stale)} unreferenced file(s) "
                f"{'found' if dry_run else 'deleted'}; {len(referenced)} in use."
            )
        )
