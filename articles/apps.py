from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from articles.editorial import roles_sync

    roles_sync()


def _ensure_search_index(sender, using, **kwargs):
    from django.db import connections

    from articles.site.search import ensure_index

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
        from articles.freshness.changes import connect_signals

        connect_signals()
        from articles.facts.tracking import connect_signals as track_facts

        # After the stamp's receivers: they note whether an article was public.
        track_facts()
        from articles.freshness.stamp import drop_kept_stamp
        from newsroom.cache_breaker import recovered

        # Writes made while Redis was left alone could not drop the kept stamp.
        recovered.connect(drop_kept_stamp, dispatch_uid="articles.stamp.recovered")
        from simple_history.signals import pre_create_historical_record

        from articles.editorial.history import fill_revision_tags, on_links_changed
        from articles.models import Article
        from entities.signals import article_links_changed

        # Every revision records the article's tags; bulk moves of entity tags
        # raise the articles' versions and write revisions too.
        pre_create_historical_record.connect(
            fill_revision_tags,
            sender=Article.history.model,
            dispatch_uid="articles.revision_tags",
        )
        article_links_changed.connect(
            on_links_changed, dispatch_uid="articles.links_changed"
        )
        from django.db.models.signals import pre_save

        from articles.models.content import derive_on_load

        # loaddata saves rows raw: derive the body's text and word count anyway.
        pre_save.connect(
            derive_on_load, sender=Article, dispatch_uid="articles.derive_on_load"
        )
        from django.db.models.signals import post_delete

        from articles.editorial.images import delete_files_of_article

        # A deleted article's image files go once the deletion commits.
        post_delete.connect(
            delete_files_of_article,
            sender=Article,
            dispatch_uid="articles.editorial.images",
        )
        from django.db.models.signals import pre_delete

        from articles.stories import membership as stories

        # A story that loses an article picks a new canonical one, or ends.
        pre_delete.connect(
            stories.before_article_deleted,
            sender=Article,
            dispatch_uid="articles.stories.before_delete",
        )
        post_delete.connect(
            stories.after_article_deleted,
            sender=Article,
            dispatch_uid="articles.stories.deleted",
        )
