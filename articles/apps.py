from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from .services import roles_sync

    roles_sync()


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        # After every migrate, once this app's permissions exist: keep the
        # Contributor and Editor groups in step with services.ROLES.
        post_migrate.connect(
            _sync_roles, sender=self, dispatch_uid="articles.sync_roles"
        )
