from django.core.management.base import BaseCommand

from articles.editorial import roles_sync


class Command(BaseCommand):
    help = (
        "Create or update the Contributor and Editor groups with their permissions "
        "(also done after every migrate)."
    )

    def handle(self, *args, **options):
        for group, count in roles_sync().items():
            self.stdout.write(self.style.SUCCESS(f"{group}: {count} permissions"))
