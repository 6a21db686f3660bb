from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from .services import roles_sync

    roles_sync()


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from .search import ensure_index

    ensure_index(connection=connections[using])


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # After every migrate, once this app's permissions exist: keep the
        # Contributor and Editor groups in step with services.ROLES.
        post_migrate.connect(
            _sync_roles, sender=self, dispatch_uid="articles.sync_roles"
        )
        # A migration that rebuilds the article table on SQLite drops the search
        # index's triggers; put them back (and rebuild the index) if so.
        post_migrate.connect(
            _ensure_search_index, sender=self, dispatch_uid="articles.search_index"
        )
        from .freshness import connect_signals

        connect_signals()
