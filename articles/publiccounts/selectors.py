"""Reading the public counts: every count a page shows (regions rolled up,
topics with their sub-topics, sources, the most mentioned entities), brought up
to date once per content stamp (``recount.refresh``) and then kept in the cache
under it."""

from django.conf import settings

from articles.freshness import cached, taxonomy
from articles.models import Topic
from articles.models.counts import ENTITY, REGION, SOURCE, TOPIC
from articles.publiccounts import recount
from entities.models import Entity, Region


def region_counts(*, regions) -> list[tuple[Region, int]]:
    """Return ``(region, n)`` for each of ``regions`` with published articles in
    its subtree, each article counted once however many of its regions are in
    that subtree. Read from ``all_region_counts``."""
    counts = all_region_counts()
    return [(r, counts[r.pk]) for r in regions if counts.get(r.pk)]


def _counted(name: str, read):
    """``read()`` of the public counts (``recount``), brought up to date once per
    content stamp and then cached under ``name``; while another worker
    recounts, read as they stand and not kept."""

    def compute():
        counts_up_to_date()
        return read()

    try:
        return cached(name, compute)
    except recount.RecountBusy:
        return read()


def _public_counts(kind) -> dict[int, int]:
    """The public counts of ``kind``, up to date (``_counted``)."""
    return _counted(f"public-counts:{kind}", lambda: recount.counts(kind))


def counts_up_to_date() -> None:
    """Recount what writes marked stale: once per content stamp (every write
    that marks a count also moves the stamp). ``recount.RecountBusy`` while
    another worker is recounting."""
    cached("public-counts:refreshed", recount.refresh)


def total() -> int:
    """The number of published articles lists show (each story once): the
    count of ``/artikel/`` unfiltered, and of the API's list."""
    return cached("public-total", lambda: recount.public_articles().count())


def all_region_counts() -> dict[int, int]:
    """The number of published articles of every region, its sub-regions
    included (each article once)."""
    return _public_counts(REGION)


def all_topic_counts() -> dict[int, int]:
    """The number of published articles of every topic and its sub-topics
    (each article once)."""
    return _public_counts(TOPIC)


def topic_counts() -> list[tuple[Topic, int]]:
    """Every topic with its number of published articles, sub-topics included,
    by name."""
    counts = all_topic_counts()
    topics = sorted(taxonomy().topics.values(), key=lambda t: t.name)
    return [(t, counts.get(t.pk, 0)) for t in topics]


def topic_tree(parent: Topic | None = None) -> list[tuple[Topic, int, list]]:
    """The topics with published articles, as a tree of ``(topic, count,
    children)`` from ``parent`` down (the roots when ``None``), by name; any
    depth."""
    tax, counts = taxonomy(), all_topic_counts()
    children = (
        tax.topic_children(parent)
        if parent
        else [t for t in tax.topics.values() if t.parent_id is None]
    )
    return [
        (topic, counts[topic.pk], topic_tree(topic))
        for topic in sorted(children, key=lambda t: t.name)
        if counts.get(topic.pk)
    ]


def source_counts() -> dict[int, int]:
    """The number of published articles of every source (every outlet's own
    versions, copies of a story included)."""
    return _public_counts(SOURCE)


def entity_counts(*, kind=None, limit=30) -> list[Entity]:
    """Return the entities mentioned in most published articles (of ``kind``),
    annotated with ``article_count``: read from the ranked public counts."""

    top = _counted(
        f"top-entities:{kind}:{limit}",
        lambda: recount.top_entities(limit=limit, group=kind),
    )
    entities = Entity.objects.in_bulk([pk for pk, _n in top])
    result = []
    for pk, n in top:
        if pk in entities:
            entities[pk].article_count = n
            result.append(entities[pk])
    return sorted(result, key=lambda e: (-e.article_count, e.name))


def topic_is_frequent(topic: Topic) -> bool:
    """Whether ``topic`` and its sub-topics tag at least ``WARTA_FREQUENT_ENTITY``
    published articles (from the cached counts)."""
    return all_topic_counts().get(topic.pk, 0) >= settings.WARTA_FREQUENT_ENTITY


def region_is_frequent(region: Region) -> bool:
    """Whether ``region`` and its sub-regions tag at least
    ``WARTA_FREQUENT_ENTITY`` published articles (from the cached counts)."""
    return all_region_counts().get(region.pk, 0) >= settings.WARTA_FREQUENT_ENTITY


def all_entity_counts() -> dict[int, int]:
    """Return the number of published articles of every entity that has one
    (so its keys are the public entities)."""
    return _public_counts(ENTITY)


def entity_ranking(*, kind=None) -> list[tuple[int, int]]:
    """``(entity id, count)`` of every public entity (of ``kind``), most
    mentioned first: the ``/entitas/`` index."""
    return _counted(
        f"entity-ranking:{kind}",
        lambda: recount.top_entities(limit=None, group=kind),
    )
