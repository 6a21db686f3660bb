"""Which writes move the content stamp: only those that change what the public
can see.

A draft saved every few seconds must not empty every cached page and change
every ETag (security review finding 14; issue 19). So:

- an article moves the stamp when it is public before or after the write
  (publishing, unpublishing, editing a live article); a scheduled one moves it
  by itself when its time comes (the stamp holds the newest publish time);
- its tags (regions, topics, entities, keywords) when the article is public;
- an entity or alias when a public article carries the entity;
- regions, topics and sources always: their lists are public (the filter form,
  the index) and they change rarely.

The same writes mark the public counts they may change (``articles.publiccounts.recount``):
the article's counts as they were before the write and as they are after it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from articles.freshness.stamp import bump
from articles.models import workflow
from articles.publiccounts import recount as counts


def _public_ids(article_ids) -> bool:
    from articles.models import Article

    return Article.objects.published().filter(pk__in=list(article_ids)).exists()


def _article_before(sender, instance, raw=False, **kwargs):
    # What the row was before this save: public or not; if it was, the counts
    # it took part in (its old source and tags) may change.
    instance._was_public = (
        not raw
        and instance.pk is not None
        and sender.objects.published().filter(pk=instance.pk).exists()
    )
    if instance._was_public:
        counts.mark_articles([instance.pk])


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        bump()
        counts.mark_all()
    elif getattr(instance, "_was_public", False) or workflow.is_public(instance):
        bump()
        counts.mark_articles([instance.pk])


def _article_before_delete(sender, instance, **kwargs):
    if workflow.is_public(instance):
        counts.mark_articles([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    if workflow.is_public(instance):
        bump()


def _tag_changed(sender, instance, raw=False, **kwargs):
    if raw:
        bump()
        counts.mark_all()
    elif _public_ids([instance.content_object_id]):
        bump()
        if sender.__name__ == "TaggedEntity":
            counts.mark([(counts.ENTITY, instance.tag_id)])


# m2m_changed actions that change the links, and when to read them: before a
# removal (the links still there), after an addition (the new ones there).
_BEFORE, _AFTER = ("pre_remove", "pre_clear"), ("post_add",)


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _BEFORE + _AFTER:
        if not reverse:  # instance is the article
            if workflow.is_public(instance):
                counts.mark_articles([instance.pk])
        elif pk_set is None or _public_ids(pk_set):
            counts.mark_articles(pk_set or [])
            if pk_set is None:  # clearing a region's or topic's articles
                counts.mark_all()
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # instance is the article
        if workflow.is_public(instance):
            bump()
    elif pk_set is None or _public_ids(pk_set):  # clear: be safe
        bump()


def _entity_is_public(entity_id) -> bool:
    from articles.models import Article, TaggedEntity

    return TaggedEntity.objects.filter(
        tag_id=entity_id, content_object__in=Article.objects.published()
    ).exists()


def _entity_before_delete(sender, instance, **kwargs):
    instance._was_public = _entity_is_public(instance.pk)


def _entity_changed(sender, instance, raw=False, **kwargs):
    if raw or getattr(instance, "_was_public", False) or _entity_is_public(instance.pk):
        bump()
        # Its kind is the group its count is ranked in.
        counts.mark([(counts.ENTITY, instance.pk)])


def _entity_deleted(sender, instance, **kwargs):
    _entity_changed(sender, instance, **kwargs)
    # Its count goes, even when its links were moved away first (a merge).
    counts.mark([(counts.ENTITY, instance.pk)])


def _alias_changed(sender, instance, raw=False, **kwargs):
    if raw or _entity_is_public(instance.entity_id):
        bump()


def _always(sender, raw=False, **kwargs):
    bump()
    # A region or topic moved or gone changes what rolls up where; a source
    # gone leaves its articles without one.
    kind = {"Region": counts.REGION, "Topic": counts.TOPIC, "Source": counts.SOURCE}
    counts.mark_all(kind[sender.__name__])


def connect_signals():
    from django.db.models.signals import pre_delete

    from articles.models import Article, Source, TaggedEntity, TaggedKeyword, Topic
    from entities.models import Entity, EntityAlias, Region

    def connect(signal, receiver, sender, name):
        signal.connect(
            receiver,
            sender=sender,
            dispatch_uid=f"warta.stamp.{name}.{sender.__name__}",
        )

    connect(pre_save, _article_before, Article, "before")
    connect(post_save, _article_saved, Article, "saved")
    connect(pre_delete, _article_before_delete, Article, "before_delete")
    connect(post_delete, _article_deleted, Article, "deleted")
    for model in (TaggedEntity, TaggedKeyword):
        connect(post_save, _tag_changed, model, "saved")
        connect(post_delete, _tag_changed, model, "deleted")
    connect(pre_delete, _entity_before_delete, Entity, "before")
    connect(post_save, _entity_changed, Entity, "saved")
    connect(post_delete, _entity_deleted, Entity, "deleted")
    connect(post_save, _alias_changed, EntityAlias, "saved")
    connect(post_delete, _alias_changed, EntityAlias, "deleted")
    for model in (Region, Topic, Source):
        connect(post_save, _always, model, "saved")
        connect(post_delete, _always, model, "deleted")
    for through in (
        Article.regions.through,
        Article.topics.through,
        TaggedEntity,
        TaggedKeyword,
    ):
        connect(m2m_changed, _m2m_changed, through, "m2m")
