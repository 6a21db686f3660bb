"""The investment tracker's totals, kept in tables (``TrackerTotal``) instead of
added up from tens of thousands of facts by the first reader after each change.

Every write that may change what the public sees of an article's facts
resyncs that article in its own transaction (``resync``): a fact accepted,
corrected, rejected or deleted; an article published, unpublished, edited,
deleted, its topics changed. Resyncing compares the article's public facts now
with what was counted for them (``TrackedFact``, one row per counted fact) and
adds the difference to the totals, so it is exact whatever the write path and
harmless when repeated. The totals roll regencies and cities up to their
provinces and keep sums by company, year of publication and topic (sector).

A scheduled article goes public with no write: as for the public counts, the
first reader after its time resyncs the articles whose publish time passed
since the newest one counted (``rebuilding.refresh``). A change to the regions' shape (a
region moved or deleted, a topic deleted, a load, a corpus) marks the totals
stale and the next reader rebuilds them (``rebuilding``).
"""

from collections import defaultdict, namedtuple
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from articles.freshness import taxonomy
from articles.models import Article, Fact, TrackedFact, TrackerState, TrackerTotal
from articles.models.tracker import ALL_YEARS

INVESTMENT = Fact.Kind.INVESTMENT
# The scopes as plain text (keys of the totals, printed in drift reports).
ALL, REGION, COMPANY, TOPIC = (s.value for s in TrackerTotal.Scope)
# PostgreSQL advisory lock key of tracker writes ("TRAK"): one at a time, so
# two transactions never subtract the same counted fact twice.
TRACKER_LOCK = 0x5452414B


# ---------------------------------------------------------------------------
# What one fact counts for


# A fact as counted: a ``TrackedFact`` row, kept as a plain tuple (tens of
# thousands are read and written by a rebuild).
COLUMNS = (
    "fact_id",
    "article_id",
    "kind",
    "value",
    "currency",
    "region_id",
    "company_slug",
    "company",
    "publish_at",
    "year",
    "topics",
)
Counted = namedtuple("Counted", COLUMNS)


def counted_as(fact: Counted) -> tuple:
    return fact[2:]


def counted_facts(**filters) -> list[Counted]:
    """The ``TrackedFact`` rows matching ``filters``."""
    rows = TrackedFact.objects.filter(**filters).values_list(*COLUMNS)
    return [Counted(*row) for row in rows]


def insert_counted(facts) -> None:
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(TrackedFact._meta.db_table),
        ", ".join(quote(c) for c in COLUMNS),
        ", ".join(["%s"] * len(COLUMNS)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(facts), 2000):
            cursor.executemany(sql, facts[start : start + 2000])


def _lineage(tax, region_id, known: dict) -> list[tuple]:
    """The region scopes of ``region_id``: itself and every region above."""
    if region_id not in known:
        region = tax.regions.get(region_id) if region_id else None
        known[region_id] = (
            [(REGION, str(r.pk)) for r in (*tax.region_ancestors(region), region)]
            if region is not None
            else []
        )
    return known[region_id]


def keys_of(fact: Counted, tax=None, known=None) -> list[tuple]:
    """The totals ``fact`` adds to: (scope, key, year, kind, currency). Every
    kind counts for its region (and the regions above it) and company, over
    all years; investments also by year, and for everything and their
    topics. ``known`` keeps regions' lineages across calls."""
    tax = tax or taxonomy()
    scopes = list(_lineage(tax, fact.region_id, {} if known is None else known))
    if fact.company_slug:
        scopes.append((COMPANY, fact.company_slug))
    years = (ALL_YEARS,)
    if fact.kind == INVESTMENT:
        years = (ALL_YEARS, fact.year)
        scopes.append((ALL, ""))
        scopes += [(TOPIC, t) for t in fact.topics.split(",") if t]
    return [
        (scope, key, year, fact.kind, fact.currency)
        for scope, key in scopes
        for year in years
    ]


def tracked(facts, *, article_ids=None) -> list[Counted]:
    """The public ones of ``facts`` as they would be counted now (accepted,
    article published with its time passed, checked on the rows read: as
    conditions, the databases read every public article first). Two queries:
    the facts with their articles' publish time, the topics of their articles
    (``article_ids``, or all articles of ``facts``)."""
    now = timezone.now()
    rows = [
        row[:9]
        for row in facts.order_by().values_list(
            "pk",
            "article_id",
            "kind",
            "value",
            "currency",
            "region_id",
            "company_slug",
            "company",
            "article__publish_at",
            "review",
            "article__status",
        )
        if row[9] == Fact.Review.ACCEPTED
        and row[10] == Article.Status.PUBLISHED
        and row[8] is not None
        and row[8] <= now
    ]
    if not rows:
        return []
    if article_ids is None:
        article_ids = facts.order_by().values("article_id")
    topics = defaultdict(list)
    pairs = Article.topics.through.objects.filter(
        article_id__in=article_ids
    ).values_list("article_id", "topic_id")
    for article_id, topic_id in pairs.order_by("article_id", "topic_id"):
        topics[article_id].append(str(topic_id))
    current = timezone.get_current_timezone()
    return [
        Counted(
            *row,
            timezone.localtime(row[8], current).year,
            ",".join(topics[row[1]])[:400],
        )
        for row in rows
    ]


def sums(facts, tax=None) -> dict[tuple, list]:
    """{total's key: [amount, count]} of ``facts`` (``Counted``)."""
    tax, known = tax or taxonomy(), {}
    found = defaultdict(lambda: [Decimal(0), 0])
    for fact in facts:
        for key in keys_of(fact, tax, known):
            found[key][0] += fact.value
            found[key][1] += 1
    return found


# ---------------------------------------------------------------------------
# Writing


def lock(*, wait=True) -> bool:
    """Tracker writes one at a time (PostgreSQL; SQLite writes one transaction
    at a time already). Held until the transaction ends."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TRACKER_LOCK])
            return True
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [TRACKER_LOCK])
        return cursor.fetchone()[0]


def _add(deltas: dict[tuple, list]) -> None:
    """Add ``deltas`` ({key: [amount, count]}) to the totals: one upsert per
    500 keys, in key order (so concurrent writers lock rows in one order)."""
    quote = connection.ops.quote_name
    table = quote(TrackerTotal._meta.db_table)
    columns = ("scope", "key", "year", "kind", "currency", "amount", "count", "label")
    names = ", ".join(quote(c) for c in columns)
    unique = ", ".join(quote(c) for c in columns[:5])
    amount, count = quote("amount"), quote("count")
    rows = sorted(deltas.items())
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, '')"] * len(chunk))
        params = [p for key, (a, n) in chunk for p in (*key, a, n)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {values} "
                f"ON CONFLICT ({unique}) DO UPDATE SET "
                f"{amount} = {table}.{amount} + excluded.{amount}, "
                f"{count} = {table}.{count} + excluded.{count}",
                params,
            )
    emptied = {(scope, key) for (scope, key, *_), (_a, n) in rows if n < 0}
    if emptied:
        TrackerTotal.objects.filter(
            count__lte=0,
            scope__in={scope for scope, _ in emptied},
            key__in={key for _, key in emptied},
        ).delete()


def _names(slugs) -> dict[str, str]:
    """Each company's name: the first of its counted facts' names."""
    return dict(
        TrackedFact.objects.filter(company_slug__in=list(slugs))
        .values("company_slug")
        .annotate(name=Min("company"))
        .values_list("company_slug", "name")
    )


def _relabel(slugs) -> None:
    for slug, name in _names(slugs).items():
        TrackerTotal.objects.filter(scope=COMPANY, key=slug).exclude(label=name).update(
            label=name
        )


def resync(article_ids) -> int:
    """Bring the totals of ``article_ids`` (public or not, existing or not) in
    step with their public facts now; return how many counted facts changed.
    Part of the caller's transaction. Three queries when nothing changed."""
    ids = sorted({int(pk) for pk in article_ids})
    if not ids:
        return 0
    with transaction.atomic():
        lock()
        old = {t.fact_id: t for t in counted_facts(article_id__in=ids)}
        now = tracked(Fact.objects.filter(article_id__in=ids), article_ids=ids)
        new = {t.fact_id: t for t in now}
        gone = [
            t
            for pk, t in old.items()
            if pk not in new or counted_as(new[pk]) != counted_as(t)
        ]
        came = [
            t
            for pk, t in new.items()
            if pk not in old or counted_as(old[pk]) != counted_as(t)
        ]
        if not gone and not came:
            return 0
        tax = taxonomy()
        deltas = sums(came, tax)
        for key, (amount, count) in sums(gone, tax).items():
            deltas[key][0] -= amount
            deltas[key][1] -= count
        _add({key: d for key, d in deltas.items() if d[0] or d[1]})
        TrackedFact.objects.filter(pk__in=[t.fact_id for t in gone]).delete()
        insert_counted(came)
        _relabel({t.company_slug for t in gone + came if t.company_slug})
        return len(set(t.fact_id for t in gone + came))


def mark_rebuild() -> None:
    """The totals must be rebuilt from scratch by the next reader."""
    if not TrackerState.objects.filter(pk=1).update(stale=True):
        TrackerState.objects.get_or_create(pk=1, defaults={"stale": True})
