"""Which writes move the content stamp."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .stamp import bump


def _bump_on_m2m(action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect_signals():
    from entities.models import Entity, EntityAlias, Region

    from ..models import Article, Source, TaggedEntity, TaggedKeyword, Topic

    for model in (
        Article,
        Region,
        Topic,
        Source,
        Entity,
        EntityAlias,
        TaggedEntity,
        TaggedKeyword,
    ):
        uid = f"warta.bump.{model._meta.label}"
        post_save.connect(bump, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(bump, sender=model, dispatch_uid=uid + ".delete")
    for through in (
        Article.regions.through,
        Article.topics.through,
        TaggedEntity,
        TaggedKeyword,
    ):
        m2m_changed.connect(
            _bump_on_m2m,
            sender=through,
            dispatch_uid=f"warta.bump.m2m.{through._meta.label}",
        )
