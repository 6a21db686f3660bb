import os
import time
from pathlib import Path

from django.apps import AppConfig


class KillAppConfig(AppConfig):
    name = "tests.jobs.killapp"
    label = "jobs_killapp"

    def ready(self):
        from articles import editorial

        marker = Path(os.environ["WARTA_KILL_MARKER"])
        original = editorial.articles_create

        def articles_create_then_hang(**kwargs):
            created = original(**kwargs)
            if not marker.exists():
                marker.write_text(str(os.getpid()))
                time.sleep(120)  # killed here, the transaction open
            return created

        editorial.articles_create = articles_create_then_hang
