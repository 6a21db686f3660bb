"""What the public investment tracker shows: totals of accepted facts of public
articles by province (regencies and cities rolled up), company, year and
topic; the facts of one region or company, with their articles."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from articles.facts import listing, rebuilding
from articles.freshness import cached, taxonomy
from articles.models import Fact, TrackerTotal
from articles.models.tracker import ALL_YEARS
from entities.models import Region

Scope = TrackerTotal.Scope

INVESTMENT = Fact.Kind.INVESTMENT
RUPIAH = "IDR"
LISTED = 25  # facts of each kind a region's or company's page lists


@dataclass(frozen=True)
class Company:
    """A company on the tracker: its address (``Fact.company_slug``) and name."""

    slug: str
    name: str


@dataclass
class Total:
    """A sum of facts: rupiah and, apart, each foreign currency."""

    label: str
    key: object = None  # what a page links to (a region, a company's slug, a year)
    rupiah: Decimal = Decimal(0)
    foreign: dict = field(default_factory=dict)  # {currency: amount}
    count: int = 0
    url: str = ""  # its page on the tracker (set by the view)

    def add(self, currency, amount, count=1):
        if currency == RUPIAH:
            self.rupiah += amount
        else:
            self.foreign[currency] = self.foreign.get(currency, Decimal(0)) + amount
        self.count += count


def _ranked(found) -> list[Total]:
    return sorted(found, key=lambda t: (-t.rupiah, -t.count, t.label))


def province_of(region, tax=None):
    """The province ``region`` is in (itself if it is one); None abroad."""
    tax = tax or taxonomy()
    for candidate in (*tax.region_ancestors(region), region):
        if candidate.kind == Region.Kind.PROVINCE:
            return candidate
    return None


# The totals come from ``TrackerTotal`` (kept by ``totals``, brought up to date
# by ``rebuilding.refresh`` first): a few rows per page, whatever the number of
# facts behind them.


def _investments(**filters):
    return TrackerTotal.objects.filter(kind=INVESTMENT, **filters)


def _by_year(rows) -> list[Total]:
    """Totals by year, oldest first, of (year, currency, amount, count) rows."""
    years: dict[int, Total] = {}
    for year, currency, amount, count in rows:
        total = years.setdefault(year, Total(str(year), year))
        total.add(currency, amount, count)
    return [years[year] for year in sorted(years)]


def _in_scope(rows, scope, objects) -> list[Total]:
    """Ranked totals of (scope, key, year, currency, amount, count) ``rows`` of
    ``scope`` whose key is one of ``objects`` ({key: object with a name})."""
    totals: dict[str, Total] = {}
    for row_scope, key, _year, currency, amount, count in rows:
        if row_scope != scope or key not in objects:
            continue
        total = totals.setdefault(key, Total(objects[key].name, objects[key]))
        total.add(currency, amount, count)
    return _ranked(totals.values())


def _index_rows(provinces) -> list[tuple]:
    """The rows of the index's years, provinces and topics: one query."""
    return list(
        _investments()
        .filter(
            Q(scope=Scope.ALL, key="", year__gt=ALL_YEARS)
            | Q(scope=Scope.REGION, year=ALL_YEARS, key__in=list(provinces))
            | Q(scope=Scope.TOPIC, year=ALL_YEARS)
        )
        .values_list("scope", "key", "year", "currency", "amount", "count")
    )


def _provinces(tax) -> dict[str, Region]:
    return {
        str(r.pk): r for r in tax.regions.values() if r.kind == Region.Kind.PROVINCE
    }


def totals_by_province() -> list[Total]:
    """Investments by province: a regency's and a city's facts count for their
    province."""
    rebuilding.refresh()
    provinces = _provinces(taxonomy())
    return _in_scope(_index_rows(provinces), Scope.REGION, provinces)


def totals_by_topic() -> list[Total]:
    """Investments by the topics of their articles (a fact of an article on two
    topics counts for each)."""
    rebuilding.refresh()
    topics = {str(pk): t for pk, t in taxonomy().topics.items()}
    return _in_scope(_index_rows({}), Scope.TOPIC, topics)


def totals_by_year() -> list[Total]:
    """Investments by the year of their article's publication, oldest first."""
    rebuilding.refresh()
    rows = _investments(scope=Scope.ALL, key="", year__gt=ALL_YEARS)
    return _by_year(rows.values_list("year", "currency", "amount", "count"))


def totals_by_company(limit=None) -> list[Total]:
    """Investments by company (facts without one left out), most rupiah
    first, then most facts in rupiah, then by name: two queries (the first
    ``limit`` companies' rupiah, their foreign money)."""
    rebuilding.refresh()
    return _companies(limit)


def _companies(limit) -> list[Total]:
    everything = _investments(scope=Scope.COMPANY, year=ALL_YEARS)
    rupiah = everything.filter(currency=RUPIAH).order_by("-amount", "-count", "label")
    rupiah = rupiah.values_list("key", "label", "amount", "count")
    rupiah = list(rupiah[:limit] if limit else rupiah)
    foreign = everything.exclude(currency=RUPIAH)
    if limit and len(rupiah) == limit:  # no company without rupiah is listed
        foreign = foreign.filter(key__in=[key for key, *_ in rupiah])
    found: dict[str, Total] = {}
    for key, label, amount, count in rupiah:
        found[key] = Total(label, key)
        found[key].add(RUPIAH, amount, count)
    others: dict[str, Total] = {}
    for key, label, currency, amount, count in foreign.values_list(
        "key", "label", "currency", "amount", "count"
    ):
        total = found.get(key) or others.setdefault(key, Total(label, key))
        total.add(currency, amount, count)
    ranked = list(found.values()) + _ranked(others.values())
    return ranked[:limit] if limit else ranked


def _scope_figures(scope, key) -> dict:
    """A region's or company's total, number of facts by kind, totals by year
    and name, from its rows of totals (one query); empty if it has none."""
    rows = TrackerTotal.objects.filter(scope=scope, key=key).values_list(
        "year", "kind", "currency", "amount", "count", "label"
    )
    total, counts, years, name = Total(""), {}, [], ""
    for year, kind, currency, amount, count, label in rows:
        name = name or label
        if year != ALL_YEARS:
            years.append((year, currency, amount, count))
            continue
        counts[kind] = counts.get(kind, 0) + count
        if kind == INVESTMENT:
            total.add(currency, amount, count)
    if not counts:
        return {}
    return {"total": total, "counts": counts, "years": _by_year(years), "name": name}


def facts_in_region(region):
    """The public facts of ``region`` and every region inside it, newest
    article first, with their articles."""
    return (
        Fact.objects.public()
        .filter(region__path__startswith=region.path)
        .select_related("article", "region")
        .order_by("-article__publish_at", "pk")
    )


def by_kind(facts) -> dict[str, list]:
    """Facts grouped by kind, in the order of ``Fact.Kind``."""
    grouped = defaultdict(list)
    for fact in facts:
        grouped[fact.kind].append(fact)
    return {kind: grouped[kind] for kind in Fact.Kind.values if grouped[kind]}


# The index's tables and a page's figures are read from the totals kept in the
# database; a page's listed facts and a feed's entries are kept per content
# stamp in the shared cache (Redis when ``REDIS_URL`` is set), for every worker.


def index_tables() -> dict:
    """The index's tables: years, provinces, the first 50 companies, topics.
    Four queries (the state of the totals, the years, provinces and topics,
    the companies' rupiah, their foreign money)."""
    rebuilding.refresh()
    tax = taxonomy()
    provinces = _provinces(tax)
    rows = _index_rows(provinces)
    topics = {str(pk): t for pk, t in tax.topics.items()}
    years = [row[2:] for row in rows if row[0] == Scope.ALL]
    return {
        "years": _by_year(years),
        "provinces": _in_scope(rows, Scope.REGION, provinces),
        "companies": _companies(50),
        "topics": _in_scope(rows, Scope.TOPIC, topics),
    }


def page_figures(*, region=None, company: str | None = None) -> dict:
    """A region's or company's page: its investment total, the number of
    facts by kind, the totals by year, its name (a company's) and the newest
    facts of each kind; empty if it has no public fact."""
    rebuilding.refresh()
    if region is not None:
        scope, key = Scope.REGION, str(region.pk)
    else:
        scope, key = Scope.COMPANY, company
    figures = _scope_figures(scope, key)
    if figures:
        figures["groups"] = cached(
            f"tracker:{scope}:{key}",
            lambda: by_kind(
                listing.newest_by_kind(
                    counts=figures["counts"],
                    limit=LISTED,
                    region=region,
                    company=company,
                )
            ),
        )
    return figures


def newest(*, limit: int, region=None, company: str | None = None) -> list:
    """The newest ``limit`` public facts of ``region``, ``company`` or the
    whole tracker (a feed's), with their articles."""
    rebuilding.refresh()
    name = f"{region.pk if region else ''}:{company or ''}:{limit}"
    return cached(
        f"tracker-feed:{name}",
        lambda: listing.newest(limit=limit, region=region, company=company),
    )
