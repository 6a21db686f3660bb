"""What the public sees changed: the one place that says so.

``content_changed()`` moves the content stamp (cached pages, ETags, data kept
per stamp all renew at once, in every worker) and marks stale the public counts
the change may touch, in the same transaction, for the next reader to recount
(``articles.publiccounts``). Every write path calls it: the editorial services,
story membership, entity merges (through their signal), imports, restores,
rebuilds. ``mark_stale()`` is its first half, for a write about to happen: the
counts an article takes part in *before* it moves.

Only writes that change what the public can see count: a draft saved every few
seconds must not empty every cached page and change every ETag (security review
finding 14; issue 19). So:

- an article counts when it is public before or after the write (publishing,
  unpublishing, editing a live article); a scheduled one moves the stamp by
  itself when its time comes (the stamp holds the newest publish time);
- its tags (regions, topics, entities, keywords) when the article is public;
- an entity or alias when a public article carries the entity;
- regions, topics and sources always: their lists are public (the filter form,
  the index) and they change rarely.

The model signals at the end are the net under every write no service of ours
makes: the admin's vocabulary pages, ``loaddata``, the ``entities`` app (which
never imports this one). Each of them calls ``content_changed()`` too.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from articles.freshness.memo import taxonomy
from articles.freshness.stamp import bump
from articles.models import workflow
from articles.models.counts import ALL, ENTITY, KINDS, REGION, SOURCE, TOPIC


def content_changed(*, articles=(), entities=(), kinds=(), everything=False) -> None:
    """Record that what the public sees changed.

    ``articles``: ids of public articles whose regions, topics, source, entities
    or status changed (their counts as they stand now are marked; mark them
    with ``mark_stale`` before the write as well); ``entities``: ids of
    entities whose name, kind or existence changed; ``kinds``: whole kinds of
    counts to recount (``REGION`` … when a region or topic moved); with
    ``everything`` every count is recounted (a load, a restore, a rebuild).
    """
    articles = list(articles)
    bump()
    mark_stale(articles=articles, entities=entities, kinds=kinds, everything=everything)
    for listener in _listeners:
        listener(articles=articles, kinds=kinds, everything=everything)


# What else keeps data derived from public content in step, in the same
# transaction (the investment tracker's totals, ``articles.facts.tracking``):
# packages above this one register here instead of being imported by it.
_listeners: list = []


def on_content_changed(listener) -> None:
    """Call ``listener(articles=…, kinds=…, everything=…)`` on every
    ``content_changed()``."""
    if listener not in _listeners:
        _listeners.append(listener)


def mark_stale(
    *, articles=(), entities=(), kinds=(), everything=False, log=True
) -> None:
    """Mark stale the public counts ``articles`` (and their stories' other
    versions) take part in as the database holds them now, those of
    ``entities``, and every count of ``kinds`` (all kinds with ``everything``);
    with ``log``, log them for the postings too (``log_postings``)."""
    keys = {(ENTITY, pk) for pk in entities}
    keys |= {(kind, ALL) for kind in (KINDS if everything else kinds)}
    articles = list(articles)
    if articles:
        articles = with_story_members(articles)
        keys |= keys_of(articles)
    mark(keys)
    if log:
        log_postings(
            articles=articles, entities=entities, everything=everything or kinds
        )


def log_postings(*, articles=(), entities=(), everything=False) -> None:
    """Log for the postings (``publiccounts.postings``) the articles and
    entities whose public tags may have changed (everything: a region or
    topic moved, a load), with the content version as this transaction holds
    it. The stamp's row is locked first (it stays locked until the
    transaction ends, as a write that moves the stamp locks it), so no other
    transaction moves the stamp past this version before these rows commit:
    a reader that has seen version V and reads the log from V on (``>=``)
    misses nothing."""
    from articles.models import ContentVersion, PostingChange

    rows = [(PostingChange.ARTICLE, pk) for pk in set(articles)]
    rows += [(PostingChange.ENTITY, pk) for pk in set(entities)]
    if everything:
        rows.append((PostingChange.EVERYTHING, 0))
    if not rows:
        return
    with transaction.atomic():
        version = (
            ContentVersion.objects.select_for_update()
            .filter(pk=1)
            .values_list("version", flat=True)
            .first()
        ) or 0
        PostingChange.objects.bulk_create(
            [
                PostingChange(version=version, kind=kind, object_id=pk)
                for kind, pk in rows
            ],
            batch_size=2000,
        )
        if version % LOG_PRUNE_EVERY == 0 and version > LOG_KEEP:
            prune_posting_log(below=version - LOG_KEEP)


# The change log keeps the last LOG_KEEP versions, pruned every LOG_PRUNE_EVERY.
LOG_KEEP, LOG_PRUNE_EVERY = 20_000, 1_000


def prune_posting_log(*, below: int) -> None:
    """Delete the log's rows under version ``below`` and leave an "everything"
    row at ``below - 1`` in their place: postings older than that (a process
    idle for many thousands of changes) are built again rather than missing
    the changes pruned; newer ones never read it."""
    from articles.models import PostingChange

    PostingChange.objects.filter(version__lt=below).delete()
    PostingChange.objects.create(version=below - 1, kind=PostingChange.EVERYTHING)


# Marking -------------------------------------------------------------------------


def keys_of(article_ids) -> set[tuple[str, int]]:
    """The counts articles with ``article_ids`` take part in, as they stand in
    the database now: their regions and topics with every ancestor, their
    source and their entities (four small queries)."""
    from articles.models import Article, TaggedEntity

    ids = list(article_ids)
    if not ids:
        return set()
    tax = taxonomy()
    keys = set()
    for region_id in Article.regions.through.objects.filter(
        article_id__in=ids
    ).values_list("region_id", flat=True):
        region = tax.regions.get(region_id)
        if region is not None:
            keys.update((REGION, r.pk) for r in [*tax.region_ancestors(region), region])
    for topic_id in Article.topics.through.objects.filter(
        article_id__in=ids
    ).values_list("topic_id", flat=True):
        topic = tax.topics.get(topic_id)
        if topic is not None:
            keys.update((TOPIC, t.pk) for t in [*tax.topic_ancestors(topic), topic])
    keys.update(
        (SOURCE, pk)
        for pk in Article.objects.filter(pk__in=ids, source__isnull=False)
        .values_list("source_id", flat=True)
        .distinct()
    )
    keys.update(
        (ENTITY, pk)
        for pk in TaggedEntity.objects.filter(content_object_id__in=ids)
        .values_list("tag_id", flat=True)
        .distinct()
    )
    return keys


def with_story_members(article_ids) -> set[int]:
    """``article_ids`` and every article sharing a story with one of them:
    which version of a story is listed depends on the others."""
    from articles.models import StoryMember

    ids = set(article_ids)
    story_ids = StoryMember.objects.filter(article_id__in=ids).values("story_id")
    ids.update(
        StoryMember.objects.filter(story_id__in=story_ids).values_list(
            "article_id", flat=True
        )
    )
    return ids


def mark(keys) -> None:
    """Mark ``keys`` ((kind, id) pairs; id ``ALL`` for a whole kind) stale."""
    from articles.models import StaleCount

    keys = set(keys)
    if keys:
        StaleCount.objects.bulk_create(
            [StaleCount(kind=kind, object_id=pk) for kind, pk in keys]
        )


# Signals: the net under writes no service of ours makes ----------------------


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
        mark_stale(articles=[instance.pk])


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        bump()
        mark_stale(everything=True)
    elif getattr(instance, "_was_public", False) or workflow.is_public(instance):
        bump()
        mark_stale(articles=[instance.pk])


def _article_before_delete(sender, instance, **kwargs):
    if workflow.is_public(instance):
        mark_stale(articles=[instance.pk])


def _article_deleted(sender, instance, **kwargs):
    if workflow.is_public(instance):
        bump()


def _tag_changed(sender, instance, raw=False, **kwargs):
    if raw:
        bump()
        mark_stale(everything=True)
    elif _public_ids([instance.content_object_id]):
        bump()
        if sender.__name__ == "TaggedEntity":
            # The entity's count; for the postings, only this article moved.
            mark_stale(entities=[instance.tag_id], log=False)
            log_postings(articles=[instance.content_object_id])


# m2m_changed actions that change the links, and when to read them: before a
# removal (the links still there), after an addition (the new ones there).
_BEFORE, _AFTER = ("pre_remove", "pre_clear"), ("post_add",)


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in _BEFORE + _AFTER:
        if not reverse:  # instance is the article
            if workflow.is_public(instance):
                mark_stale(articles=[instance.pk])
        elif pk_set is None or _public_ids(pk_set):
            mark_stale(articles=pk_set or [])
            if pk_set is None:  # clearing a region's or topic's articles
                mark_stale(everything=True)
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
        mark_stale(entities=[instance.pk])


def _entity_deleted(sender, instance, **kwargs):
    _entity_changed(sender, instance, **kwargs)
    # Its count goes, even when its links were moved away first (a merge).
    mark_stale(entities=[instance.pk])


def _alias_changed(sender, instance, raw=False, **kwargs):
    if raw or _entity_is_public(instance.entity_id):
        bump()


def _always(sender, raw=False, **kwargs):
    bump()
    # A region or topic moved or gone changes what rolls up where; a source
    # gone leaves its articles without one.
    kind = {"Region": REGION, "Topic": TOPIC, "Source": SOURCE}
    mark_stale(kinds=[kind[sender.__name__]])


def _page_changed(sender, raw=False, **kwargs):
    # A standing page counts nothing; its text is on its cached page.
    bump()


def connect_signals():
    from django.db.models.signals import pre_delete

    from articles.models import (
        Article,
        Source,
        StandingPage,
        TaggedEntity,
        TaggedKeyword,
        Topic,
    )
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
    connect(post_save, _page_changed, StandingPage, "saved")
    connect(post_delete, _page_changed, StandingPage, "deleted")
    for through in (
        Article.regions.through,
        Article.topics.through,
        TaggedEntity,
        TaggedKeyword,
    ):
        connect(m2m_changed, _m2m_changed, through, "m2m")
