"""The tracker's totals added up from scratch (``rebuild``: after a change to
the regions' shape, a load, a corpus; ``manage.py rebuild_tracker`` by hand,
reporting the drift it repaired), and brought up to date before every read
(``refresh``: the rebuild when one is due, and the articles a scheduled
publication made public with no write)."""

from dataclasses import dataclass, field

from django.db import connection, transaction

from articles.facts.totals import (
    COMPANY,
    counted_as,
    counted_facts,
    insert_counted,
    lock,
    resync,
    sums,
    tracked,
)
from articles.freshness.stamp import current_stamp
from articles.models import Article, Fact, TrackedFact, TrackerState, TrackerTotal


@dataclass
class Drift:
    """What a rebuild found different from the totals kept."""

    totals: int = 0  # rows of totals the rebuild changed, added or removed
    facts: int = 0  # counted facts it changed, added or removed
    examples: list = field(default_factory=list)


def _newest_public():
    return (
        Article.objects.published()
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


def rebuild(*, apply=True, compare=True) -> Drift:
    """Add every public fact up again; compare with the totals kept (the
    drift; not with ``compare=False``) and, with ``apply``, replace them.
    Seconds at 100,000 articles (docs/performance.md)."""
    with transaction.atomic():
        lock()
        until = _newest_public()
        facts = tracked(Fact.objects.public())
        found = sums(facts)
        drift = _drift(facts, found) if compare else Drift()
        if apply:
            _replace(facts, found, until)
        return drift


def _drift(facts, found) -> Drift:
    """How the totals and counted facts kept differ from ``found``."""
    kept = {
        row[:5]: [row[5], row[6]]
        for row in TrackerTotal.objects.values_list(
            "scope", "key", "year", "kind", "currency", "amount", "count"
        )
    }
    drift = Drift()
    for key in sorted(set(found) | set(kept)):
        if found.get(key) != kept.get(key):
            drift.totals += 1
            if len(drift.examples) < 10:
                drift.examples.append((key, kept.get(key), found.get(key)))
    counted = {t.fact_id: counted_as(t) for t in counted_facts()}
    now = {t.fact_id: counted_as(t) for t in facts}
    drift.facts = sum(
        1 for pk in set(counted) | set(now) if counted.get(pk) != now.get(pk)
    )
    return drift


def _replace(facts, found, until) -> None:
    """Replace the counted facts and the totals with ``facts`` and ``found``."""
    labels = _names_of(facts)
    TrackedFact.objects.all().delete()
    TrackerTotal.objects.all().delete()
    insert_counted(facts)
    quote = connection.ops.quote_name
    columns = ("scope", "key", "year", "kind", "currency", "amount", "count", "label")
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(TrackerTotal._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = [
        (*key, amount, count, labels.get(key[1], "") if key[0] == COMPANY else "")
        for key, (amount, count) in found.items()
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])
    TrackerState.objects.update_or_create(
        pk=1, defaults={"stale": False, "tracked_until": until}
    )


def _names_of(facts) -> dict[str, str]:
    names = {}
    for fact in facts:
        if fact.company_slug:
            known = names.get(fact.company_slug)
            if known is None or fact.company < known:
                names[fact.company_slug] = fact.company
    return names


# ---------------------------------------------------------------------------
# Before reading


def refresh() -> None:
    """Before reading the totals: rebuild them if they are stale, and count
    the articles that went public by themselves (scheduled) since the newest
    publish time counted. One query when there is nothing to do. A reader that
    finds another worker at it reads the totals as they stand."""
    state = TrackerState.objects.filter(pk=1).values_list("stale", "tracked_until")
    state = state.first()
    latest = current_stamp().latest_publish
    if state is not None and not state[0]:
        until = state[1]
        if latest is None or (until is not None and latest <= until):
            return
    with transaction.atomic():
        if not lock(wait=False):
            return
        state = TrackerState.objects.filter(pk=1).first()
        if state is None or state.stale or state.tracked_until is None:
            rebuild(compare=False)
            return
        newest = _newest_public()
        if newest is None or newest <= state.tracked_until:
            return
        gone_live = Article.objects.published().filter(
            publish_at__gt=state.tracked_until
        )
        resync(gone_live.values_list("pk", flat=True))
        TrackerState.objects.filter(pk=1).update(tracked_until=newest)
