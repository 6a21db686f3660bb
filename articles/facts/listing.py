"""Which facts a tracker page or feed lists: the newest of a region (the
regions inside it included), a company or the whole tracker, found among the
counted facts (``TrackedFact``: kind, publish time, region and company on one
indexed row) and only then read with their articles.

Ranking every fact of a big province with a window function took 0.3 s at
100,000 articles (24,000 facts in Aceh), and checking "public" through the
article table up to seconds. Instead each kind's newest are one ``LIMIT``
query walking an index newest first: a big region walks all facts of the kind
(its own are a large share, so it stops early); a small one reads its own
facts by region and sorts them; a company walks its own index."""

from django.db import connection
from django.db.models import F

from articles.freshness import taxonomy
from articles.models import Fact, TrackedFact, workflow
from entities.models import Region

# From this many facts of a kind, a region's newest are found by walking the
# kind's facts newest first rather than reading the region's and sorting.
WALK_FROM = 1000
BIG_REGIONS = (Region.Kind.COUNTRY, Region.Kind.PROVINCE)
# What a listed fact shows: its figure, company, region and article.
LISTED_FIELDS = (
    "kind",
    "value",
    "unit",
    "currency",
    "company",
    "company_slug",
    "status",
    "decided_at",
    "article__slug",
    "article__title",
    "article__publish_at",
    "article__created_at",
    "article__status",
    "region__name",
    "region__slug",
)


def in_region(rows, region, *, walk: bool):
    """``rows`` of ``region`` and the regions inside it; with ``walk`` the
    region is checked on each row read (``+ 0``: no index on it), so the
    database walks the index of the ordering instead."""
    subtree = [r.pk for r in taxonomy().region_subtree(region)]
    if walk:
        return rows.alias(plain_region=F("region_id") + 0).filter(
            plain_region__in=subtree
        )
    return rows.filter(region_id__in=subtree)


def _union_ids(querysets) -> list[int]:
    """The fact ids of ``querysets`` (each ordered and sliced) in one query."""
    parts, params = [], []
    for n, queryset in enumerate(querysets):
        sql, part_params = queryset.values_list("fact_id").query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{n}")
        params.extend(part_params)
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [row[0] for row in cursor.fetchall()]


def _facts(ids, order) -> list[Fact]:
    """The public facts with ``ids``, with their articles and regions, read by
    primary key: accepted and public are checked on the rows read (as
    conditions, SQLite walked the index of accepted facts instead)."""
    facts = (
        Fact.objects.filter(pk__in=ids)
        .select_related("article", "region")
        .only("review", *LISTED_FIELDS)
        .order_by(*order)
    )
    accepted = Fact.Review.ACCEPTED
    return [
        fact
        for fact in facts
        if fact.review == accepted and workflow.is_public(fact.article)
    ]


def newest_by_kind(*, counts, limit, region=None, company=None) -> list[Fact]:
    """The newest ``limit`` public facts of each kind of ``region`` or
    ``company`` (``counts``: how many of each kind it has), newest article
    first. Two queries."""
    querysets = []
    for kind, count in counts.items():
        rows = TrackedFact.objects.filter(kind=kind)
        if company is not None:
            rows = rows.filter(company_slug=company)
        else:
            rows = in_region(rows, region, walk=count >= WALK_FROM)
        querysets.append(rows.order_by("-publish_at", "fact_id")[:limit])
    return _facts(_union_ids(querysets), ("-article__publish_at", "pk"))


def newest(*, limit, region=None, company=None) -> list[Fact]:
    """The newest ``limit`` public facts of ``region``, ``company`` or (neither)
    the whole tracker, newest article first. Two queries."""
    rows = TrackedFact.objects.all()
    if company is not None:
        rows = rows.filter(company_slug=company)
    elif region is not None:
        rows = in_region(rows, region, walk=region.kind in BIG_REGIONS)
    rows = rows.order_by("-publish_at", "-fact_id")[:limit]
    return _facts(_union_ids([rows]), ("-article__publish_at", "-pk"))
