"""Facet counts of a list over every article it matches (not a window of the
newest): sub-regions and topics rolled up the way their pages and filters are
(an article once per value, however many of its tags fall under it), sources,
entity kinds and the most mentioned entities. Each count is the number of
articles the list would show with that value added to its filters.

The site counts them from the postings (``posted_facets``: bitmap
intersections, no query; ``counting.list_facets`` keeps them per content
stamp and list). ``list_facets`` counts the same in the database, in one
UNION ALL: the way it was done before, kept for scripts/bench_facets.py's
comparison (docs/performance.md, "Facets from postings")."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db.models import Case, Count, F, IntegerField, Value, When

from articles.freshness import taxonomy
from articles.models import Article, TaggedEntity, sql
from entities.models import Entity, Region

ENTITY_FACETS = 12


@dataclass(frozen=True)
class Facet:
    """One value of a facet: what to show, the query value, how many articles."""

    label: str
    value: str
    count: int


def _mapped(column: str, mapping: dict[int, list[int]]):
    """``column`` mapped to the facet value each of its ids counts for
    (``mapping``: facet value -> ids), as one CASE."""
    return Case(
        *(
            When(**{f"{column}__in": ids}, then=Value(pk))
            for pk, ids in mapping.items()
        ),
        output_field=IntegerField(),
    )


def _rolled_up(through, column, ids, mapping, section):
    """Articles of ``ids`` per facet value of ``mapping`` (each article once).

    Each article's few tags are read by its id and checked against the
    members (``+ 0``: SQLite would otherwise probe every article once per
    member region, 48 million probes and 36 s for the provinces of the
    unfiltered list at 100k articles)."""
    blank, zero = sql.text(""), sql.number(0)
    members = [pk for group in mapping.values() for pk in group]
    return (
        through.objects.filter(article_id__in=ids)
        .annotate(member=F(column) + 0)
        .filter(member__in=members)
        .annotate(facet=_mapped(column, mapping))
        .values("facet")
        .annotate(n=Count("article_id", distinct=True))
        .values_list(sql.text(section), zero, "facet", blank, blank, blank, "n")
    )


def _can_match(queryset) -> bool:
    """False for a queryset Django knows matches nothing (``none()``, an empty
    ``IN``): it has no SQL to put in a union."""
    try:
        queryset.query.sql_with_params()
    except EmptyResultSet:
        return False
    return True


def facet_regions(region: Region | None) -> list[Region]:
    """The regions a list's region facet offers: the chosen region's children,
    or the provinces and the foreign countries."""
    from articles.site.listing import top_level_regions

    tax = taxonomy()
    return tax.region_children(region) if region else top_level_regions()


def topic_levels() -> list[dict[int, list[int]]]:
    """For each depth of the topic tree, every topic at that depth mapped to its
    subtree: one grouping per depth counts each article once per topic."""
    tax = taxonomy()
    levels: dict[int, dict[int, list[int]]] = {}
    for topic in tax.topics.values():
        depth = len(tax.topic_ancestors(topic))
        levels.setdefault(depth, {})[topic.pk] = [
            t.pk for t in tax.topic_subtree(topic)
        ]
    return [levels[depth] for depth in sorted(levels)]


SECTIONS = ("region", "topic", "source", "kind", "entity")


def list_facets(matches, *, region: Region | None, only=SECTIONS, ids=None) -> dict:
    """Return the facets (those named in ``only``) of the list whose articles
    are ``matches`` (a queryset, every match; ``ids``: their ids when already
    read): one query. For several facets the matches' ids are counted over
    (read first when not given: a second query); as a subquery in each part
    of the union the set of matches was worked out again in each, over 30 s
    for the unfiltered list's facets at 100k articles on SQLite."""
    if ids is None and len(only) > 1:
        ids = list(matches.order_by().values_list("pk", flat=True))
    ids = matches.order_by().values("pk") if ids is None else sql.id_list(ids)
    tax = taxonomy()
    blank, zero = sql.text(""), sql.number(0)
    regions = facet_regions(region) if "region" in only else []
    parts = []
    if regions:
        parts.append(
            _rolled_up(
                Article.regions.through,
                "region_id",
                ids,
                {r.pk: [s.pk for s in tax.region_subtree(r)] for r in regions},
                "r",
            )
        )
    if "topic" in only:
        parts += [
            _rolled_up(Article.topics.through, "topic_id", ids, level, "t")
            for level in topic_levels()
        ]
    if "source" in only:
        parts.append(
            Article.objects.filter(pk__in=ids, source__isnull=False)
            .order_by()
            .values_list("source_id")
            .annotate(n=Count("pk"))
            .values_list(sql.text("s"), zero, "source_id", blank, blank, blank, "n")
        )
    mentions = TaggedEntity.objects.filter(content_object_id__in=ids).order_by()
    if "entity" in only:
        # Only the dozen most mentioned entities are shown: cut them in SQL.
        parts.append(
            mentions.values_list("tag_id")
            .annotate(n=Count("content_object_id"))
            .values_list(
                sql.text("e"),
                zero,
                "tag_id",
                "tag__name",
                "tag__slug",
                "tag__kind",
                "n",
            )
            .order_by("-n", "tag__name")[:ENTITY_FACETS]
        )
    if "kind" in only:
        parts.append(
            mentions.values_list("tag__kind")
            .annotate(n=Count("content_object_id", distinct=True))
            .values_list(sql.text("k"), zero, zero, blank, blank, "tag__kind", "n")
        )
    rows = sql.union_all(*(part for part in parts if _can_match(part)))

    kind_labels = dict(Entity.Kind.choices)
    found = {name: [] for name in ("region", "topic", "source", "kind", "entity")}
    region_counts = {}
    for section, _zero, pk, name, slug, kind, n in rows:
        if section == "r":
            region_counts[pk] = n
        elif section == "t" and pk in tax.topics:
            topic = tax.topics[pk]
            found["topic"].append(Facet(topic.name, topic.slug, n))
        elif section == "s" and pk in tax.sources:
            source = tax.sources[pk]
            found["source"].append(Facet(source.name, source.slug, n))
        elif section == "e":
            found["entity"].append(Facet(name, slug, n))
        elif section == "k":
            found["kind"].append(Facet(kind_labels[kind], kind, n))

    def ranked(facets, limit=None):
        return sorted(facets, key=lambda f: (-f.count, f.label))[:limit]

    return {
        "region": [
            Facet(r.name, r.slug, region_counts[r.pk])
            for r in regions
            if region_counts.get(r.pk)
        ],
        "topic": ranked(found["topic"]),
        "source": ranked(found["source"]),
        "kind": ranked(found["kind"]),
        "entity": ranked(found["entity"], ENTITY_FACETS),
    }


def posted_facets(posted, matches, *, region: Region | None, only=SECTIONS) -> dict:
    """Return the facets (those named in ``only``) of the list whose articles
    are the bitmap ``matches``, from the postings ``posted``
    (``publiccounts.postings``): each value's count is the size of its
    postings' intersection with the matches. No query."""
    tax = taxonomy()
    found = {name: [] for name in SECTIONS}
    if "region" in only:
        for r in facet_regions(region):
            n = matches.intersection_cardinality(posted.in_region(r))
            if n:
                found["region"].append(Facet(r.name, r.slug, n))
    if "topic" in only:
        for topic in tax.topics.values():
            n = matches.intersection_cardinality(posted.in_topic(topic))
            if n:
                found["topic"].append(Facet(topic.name, topic.slug, n))
    if "source" in only:
        for pk, bitmap in posted.source.items():
            n = matches.intersection_cardinality(bitmap)
            if n and pk in tax.sources:
                source = tax.sources[pk]
                found["source"].append(Facet(source.name, source.slug, n))
    if "kind" in only:
        labels = dict(Entity.Kind.choices)
        for kind, bitmap in posted.kinds().items():
            n = matches.intersection_cardinality(bitmap)
            if n:
                found["kind"].append(Facet(labels.get(kind, kind), kind, n))
    if "entity" in only:
        for pk, n in posted.top_entities(matches, ENTITY_FACETS):
            name, slug, _kind = posted.entity_info[pk]
            found["entity"].append(Facet(name, slug, n))

    def ranked(facets):
        return sorted(facets, key=lambda f: (-f.count, f.label))

    return {
        "region": found["region"],
        "topic": ranked(found["topic"]),
        "source": ranked(found["source"]),
        "kind": ranked(found["kind"]),
        "entity": ranked(found["entity"]),
    }
