"""When the tracker's totals are resynced: on ``content_changed()`` (every
service that changes what the public sees calls it) and, as the net under
writes no service makes, on the model signals of facts, articles, their topics
and regions. Each resync is part of the write's transaction
(``totals.resync``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from articles.facts import totals
from articles.freshness import changes
from articles.models import Article, Fact, Topic, TrackedFact, workflow
from articles.models.counts import REGION, TOPIC
from entities.models import Region


def on_content_changed(*, articles=(), kinds=(), everything=False, **kwargs):
    if everything or REGION in kinds or TOPIC in kinds:
        totals.mark_rebuild()
    elif articles:
        totals.resync(articles)


def _counted(fact_id) -> bool:
    return TrackedFact.objects.filter(pk=fact_id).exists()


def _fact_saved(sender, instance, raw=False, **kwargs):
    if raw:
        totals.mark_rebuild()
    elif instance.review == Fact.Review.ACCEPTED or _counted(instance.pk):
        totals.resync([instance.article_id])


def _fact_deleted(sender, instance, **kwargs):
    if _counted(instance.pk):
        totals.resync([instance.article_id])


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        totals.mark_rebuild()
    elif getattr(instance, "_was_public", True) or workflow.is_public(instance):
        # ``_was_public``: set before the save by ``freshness``.
        totals.resync([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    totals.resync([instance.pk])


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # instance is the article
        totals.resync([instance.pk])
    elif pk_set is None:  # a topic's articles cleared
        totals.mark_rebuild()
    else:
        totals.resync(pk_set)


def _region_before(sender, instance, raw=False, **kwargs):
    old = sender.objects.filter(pk=instance.pk).values_list("path", flat=True)
    instance._tracker_moved = raw or old.first() not in (None, instance.path)


def _region_saved(sender, instance, **kwargs):
    # A region moved: what rolls up where changed (its facts' provinces).
    if getattr(instance, "_tracker_moved", True):
        totals.mark_rebuild()


def _vocabulary_deleted(sender, instance, **kwargs):
    # Facts lose their region, articles their topic, with no signal.
    totals.mark_rebuild()


def connect_signals():
    def connect(signal, receiver, sender, name):
        signal.connect(receiver, sender=sender, dispatch_uid=f"warta.tracker.{name}")

    changes.on_content_changed(on_content_changed)
    connect(post_save, _fact_saved, Fact, "fact.saved")
    connect(post_delete, _fact_deleted, Fact, "fact.deleted")
    connect(post_save, _article_saved, Article, "article.saved")
    connect(post_delete, _article_deleted, Article, "article.deleted")
    connect(m2m_changed, _topics_changed, Article.topics.through, "topics")
    connect(pre_save, _region_before, Region, "region.before")
    connect(post_save, _region_saved, Region, "region.saved")
    connect(post_delete, _vocabulary_deleted, Region, "region.deleted")
    connect(post_delete, _vocabulary_deleted, Topic, "topic.deleted")
