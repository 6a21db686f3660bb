"""The public article counts of regions, topics, sources and entities, kept up
to date incrementally.

The site shows how many published articles each region (its sub-regions
included), topic (its sub-topics included), source and entity has: on the
front page, the index, the filter form, the API. Counting them all again after
every publish took 0.3–0.8 s per count per worker at 100k articles (issue 19).
Instead:

- the counts live in the database (``PublicCount``), shared by every worker;
- a write that changes what the public sees marks the counts it may change as
  stale (``StaleCount``), in the same transaction: the article's regions and
  their ancestors, topics and their ancestors, source and entities, before and
  after the write (see ``articles.freshness.changes``);
- the first reader after a change recounts exactly the stale ones (one small
  query each) and clears their marks; a scheduled article going live is caught
  up the same way (its keys are marked when the newest publish time passes the
  one last counted);
- a change to the vocabulary's shape (a region or topic moved or deleted, a
  source deleted) marks the whole kind, recounted in one pass.

Exact recounts rather than +1/−1 deltas: a count is always what a full count
would give, whichever write path (bulk action, merge, import, restore) changed
it, and a mark processed twice does no harm.
"""

from django.db import connection, transaction
from django.db.models import Count

from articles.freshness import mark_stale, taxonomy
from articles.models.counts import ALL, ENTITY, KINDS, REGION, SOURCE, TOPIC  # noqa: F401


def public_articles():
    """The articles counted: those lists show (each story once)."""
    from articles.models import Article

    return Article.objects.listed()


# ---------------------------------------------------------------------------
# Marking


# ---------------------------------------------------------------------------
# Counting


def _count_tagged(through, column, ids) -> int:
    """Public articles tagged with any of ``ids`` (``column`` of ``through``)."""
    tagged = through.objects.filter(**{f"{column}__in": ids}).values("article_id")
    return public_articles().filter(pk__in=tagged).count()


def _count_region(region) -> int:
    from articles.models import Article

    subtree = [r.pk for r in taxonomy().region_subtree(region)]
    return _count_tagged(Article.regions.through, "region_id", subtree)


def _count_topic(topic) -> int:
    from articles.models import Article

    subtree = [t.pk for t in taxonomy().topic_subtree(topic)]
    return _count_tagged(Article.topics.through, "topic_id", subtree)


def _count_source(source_id) -> int:
    from articles.models import Article

    # Every outlet's own versions, copies of a story included: a source's
    # page lists what that outlet published.
    return Article.objects.published().filter(source_id=source_id).count()


def _count_entity(entity_id) -> int:
    from articles.models import TaggedEntity

    return TaggedEntity.objects.filter(
        tag_id=entity_id, content_object__in=public_articles().order_by()
    ).count()


def _rolled_up(pairs, lineage) -> dict[int, int]:
    """Count each article once for its tag and every ancestor of the tag."""
    members = {}
    for article_id, tag_id in pairs:
        for ancestor in lineage.get(tag_id, ()):
            members.setdefault(ancestor, set()).add(article_id)
    return {pk: len(articles) for pk, articles in members.items()}


def _count_all(kind) -> dict[int, int]:
    """Every count of ``kind`` in one pass."""
    from articles.models import Article, TaggedEntity

    tax = taxonomy()
    public = public_articles().order_by()
    if kind == REGION:
        lineage = {
            r.pk: [a.pk for a in tax.region_ancestors(r)] + [r.pk]
            for r in tax.regions.values()
        }
        pairs = Article.regions.through.objects.filter(article__in=public)
        return _rolled_up(
            pairs.values_list("article_id", "region_id").iterator(chunk_size=10_000),
            lineage,
        )
    if kind == TOPIC:
        lineage = {
            t.pk: [a.pk for a in tax.topic_ancestors(t)] + [t.pk]
            for t in tax.topics.values()
        }
        pairs = Article.topics.through.objects.filter(article__in=public)
        return _rolled_up(
            pairs.values_list("article_id", "topic_id").iterator(chunk_size=10_000),
            lineage,
        )
    if kind == SOURCE:
        return dict(
            Article.objects.published()
            .filter(source__isnull=False)
            .order_by()
            .values("source_id")
            .annotate(n=Count("pk"))
            .values_list("source_id", "n")
        )
    return dict(
        TaggedEntity.objects.filter(content_object__in=public)
        .order_by()
        .values("tag_id")
        .annotate(n=Count("content_object_id"))
        .values_list("tag_id", "n")
    )


def _count_one(kind, pk) -> int:
    tax = taxonomy()
    if kind == REGION:
        region = tax.regions.get(pk)
        return _count_region(region) if region else 0
    if kind == TOPIC:
        topic = tax.topics.get(pk)
        return _count_topic(topic) if topic else 0
    if kind == SOURCE:
        return _count_source(pk)
    return _count_entity(pk)


def _entity_kinds(ids) -> dict[int, str]:
    from entities.models import Entity

    return dict(Entity.objects.filter(pk__in=ids).values_list("pk", "kind"))


def _store(kind, counts: dict[int, int], *, replace_all=False) -> None:
    """Write ``counts`` of ``kind`` (zero: the row goes)."""
    from articles.models import PublicCount

    rows = PublicCount.objects.filter(kind=kind)
    if replace_all:
        rows.delete()
    else:
        rows.filter(object_id__in=list(counts)).delete()
    groups = (
        _entity_kinds([pk for pk, n in counts.items() if n]) if kind == ENTITY else {}
    )
    PublicCount.objects.bulk_create(
        [
            PublicCount(kind=kind, object_id=pk, count=n, group=groups.get(pk, ""))
            for pk, n in counts.items()
            if n
        ],
        batch_size=2000,
    )


def _catch_up_scheduled() -> None:
    """Mark the counts of articles whose publish time passed since the last
    recount (nothing was written when they went live)."""
    from articles.models import Article, ContentVersion

    state = ContentVersion.objects.filter(pk=1).values("counted_until").first()
    newest = (
        Article.objects.published()
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    if state is None or newest is None:
        return
    until = state["counted_until"]
    if until is not None and newest <= until:
        return
    # The postings catch scheduled articles up by themselves (``postings``).
    if until is None:
        mark_stale(everything=True, log=False)
    else:
        gone_live = Article.objects.published().filter(publish_at__gt=until)
        mark_stale(articles=gone_live.values_list("pk", flat=True), log=False)
    ContentVersion.objects.filter(pk=1).update(counted_until=newest)


def _needs_refresh() -> bool:
    from articles.models import Article, ContentVersion, StaleCount

    if StaleCount.objects.exists():
        return True
    until = (
        ContentVersion.objects.filter(pk=1)
        .values_list("counted_until", flat=True)
        .first()
    )
    newer = Article.objects.published()
    if until is not None:
        newer = newer.filter(publish_at__gt=until)
    return newer.exists()


# PostgreSQL advisory lock key of the recount ("WART").
RECOUNT_LOCK = 0x57415254


class RecountBusy(Exception):
    """Another worker is recounting: read the counts as they stand (before the
    latest change) and do not keep them; the next reader gets the new ones."""


def _one_at_a_time() -> None:
    """Let one recount run at a time. Two workers recounting the same keys at
    once both deleted and inserted the same rows: a unique violation, a 500
    page. The others do not wait for it (``RecountBusy``): at a million
    articles a province's recount can outlast the statement timeout, and a
    waiting reader got a 503. SQLite already runs one write transaction at a
    time (IMMEDIATE mode)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [RECOUNT_LOCK])
            if not cursor.fetchone()[0]:
                raise RecountBusy


def refresh() -> int:
    """Recount what is marked stale (and what went live by itself); return how
    many counts were recounted. Nothing is written, and no write transaction
    taken, when nothing is stale (two queries). ``RecountBusy`` when another
    worker is recounting."""
    from articles.models import StaleCount

    if not _needs_refresh():
        return 0
    with transaction.atomic():
        _one_at_a_time()
        _catch_up_scheduled()
        marks = list(StaleCount.objects.values_list("pk", "kind", "object_id"))
        if not marks:
            return 0
        by_kind: dict[str, set[int]] = {}
        for _pk, kind, object_id in marks:
            by_kind.setdefault(kind, set()).add(object_id)
        recounted = 0
        for kind, ids in by_kind.items():
            if ALL in ids:
                counts = _count_all(kind)
                _store(kind, counts, replace_all=True)
                recounted += len(counts)
            else:
                _store(kind, {pk: _count_one(kind, pk) for pk in ids})
                recounted += len(ids)
        # Only the marks read: one made meanwhile stays for the next reader.
        StaleCount.objects.filter(pk__in=[pk for pk, _k, _o in marks]).delete()
        return recounted


def counts(kind) -> dict[int, int]:
    """``{object id: count}`` of ``kind``, objects with no public article left
    out."""
    from articles.models import PublicCount

    return dict(PublicCount.objects.filter(kind=kind).values_list("object_id", "count"))


def top_entities(*, limit, group=None) -> list[tuple[int, int]]:
    """``(entity id, count)`` of the most mentioned entities (of one kind)."""
    from articles.models import PublicCount

    rows = PublicCount.objects.filter(kind=ENTITY)
    if group:
        rows = rows.filter(group=group)
    return list(
        rows.order_by("-count", "object_id").values_list("object_id", "count")[:limit]
    )
