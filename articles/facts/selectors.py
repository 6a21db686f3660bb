"""What the public investment tracker shows: totals of accepted facts of public
articles by province (regencies and cities rolled up), company, year and
topic; the facts of one region or company, with their articles."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Min, Sum, Window
from django.db.models.functions import ExtractYear, RowNumber

from articles.freshness import cached, taxonomy
from articles.models.facts import Fact
from entities.models import Region

INVESTMENT = Fact.Kind.INVESTMENT
RUPIAH = "IDR"
LISTED = 25  # facts of each kind a region's or company's page lists
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
    "region__name",
    "region__slug",
)


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

    def add(self, currency, amount, count=1):
        if currency == RUPIAH:
            self.rupiah += amount
        else:
            self.foreign[currency] = self.foreign.get(currency, Decimal(0)) + amount
        self.count += count


def public_investments():
    return Fact.objects.public().filter(kind=INVESTMENT)


def _ranked(totals) -> list[Total]:
    return sorted(totals, key=lambda t: (-t.rupiah, -t.count, t.label))


def province_of(region, tax=None):
    """The province ``region`` is in (itself if it is one); None abroad."""
    tax = tax or taxonomy()
    for candidate in (*tax.region_ancestors(region), region):
        if candidate.kind == Region.Kind.PROVINCE:
            return candidate
    return None


def totals_by_province() -> list[Total]:
    """Investments by province: a regency's and a city's facts count for their
    province. One query."""
    tax = taxonomy()
    totals: dict[int, Total] = {}
    rows = (
        public_investments()
        .exclude(region=None)
        .values("region_id", "currency")
        .annotate(amount=Sum("value"), n=Count("pk"))
    )
    for row in rows:
        region = tax.regions.get(row["region_id"])
        province = province_of(region, tax) if region else None
        if province is None:
            continue
        total = totals.setdefault(province.pk, Total(province.name, province))
        total.add(row["currency"], row["amount"], row["n"])
    return _ranked(totals.values())


def totals_by_company() -> list[Total]:
    """Investments by company (facts without one left out). One query."""
    totals: dict[str, Total] = {}
    rows = (
        public_investments()
        .exclude(company_slug="")
        .values("company_slug", "currency")
        .annotate(amount=Sum("value"), n=Count("pk"), name=Min("company"))
    )
    for row in rows:
        slug = row["company_slug"]
        total = totals.setdefault(slug, Total(row["name"], slug))
        total.add(row["currency"], row["amount"], row["n"])
    return _ranked(totals.values())


def totals_by_year(facts=None) -> list[Total]:
    """Investments by the year of their article's publication, oldest first."""
    facts = public_investments() if facts is None else facts
    totals: dict[int, Total] = {}
    rows = (
        facts.order_by()
        .annotate(year=ExtractYear("article__publish_at"))
        .values("year", "currency")
        .annotate(amount=Sum("value"), n=Count("pk"))
    )
    for row in rows:
        total = totals.setdefault(row["year"], Total(str(row["year"]), row["year"]))
        total.add(row["currency"], row["amount"], row["n"])
    return [totals[year] for year in sorted(totals)]


def totals_by_topic() -> list[Total]:
    """Investments by the topics of their articles (a fact of an article on two
    topics counts for each). One query."""
    tax = taxonomy()
    totals: dict[int, Total] = {}
    rows = (
        public_investments()
        .exclude(article__topics=None)
        .values("article__topics", "currency")
        .annotate(amount=Sum("value"), n=Count("pk"))
    )
    for row in rows:
        topic = tax.topics.get(row["article__topics"])
        if topic is None:
            continue
        total = totals.setdefault(topic.pk, Total(topic.name, topic))
        total.add(row["currency"], row["amount"], row["n"])
    return _ranked(totals.values())


def facts_in_region(region):
    """The public facts of ``region`` and every region inside it, newest
    article first, with their articles."""
    return (
        Fact.objects.public()
        .filter(region__path__startswith=region.path)
        .select_related("article", "region")
        .order_by("-article__publish_at", "pk")
    )


def facts_of_company(slug):
    return (
        Fact.objects.public()
        .filter(company_slug=slug)
        .select_related("article", "region")
        .order_by("-article__publish_at", "pk")
    )


def by_kind(facts) -> dict[str, list]:
    """Facts grouped by kind, in the order of ``Fact.Kind``."""
    grouped = defaultdict(list)
    for fact in facts:
        grouped[fact.kind].append(fact)
    return {kind: grouped[kind] for kind in Fact.Kind.values if grouped[kind]}


def summary(facts) -> tuple[Total, dict[str, int]]:
    """The investment total of ``facts`` (rupiah, foreign money apart) and
    their number by kind. One query, whatever their number."""
    total, counts = Total(""), {}
    rows = (
        facts.order_by()
        .values("kind", "currency")
        .annotate(amount=Sum("value"), n=Count("pk"))
    )
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + row["n"]
        if row["kind"] == INVESTMENT:
            total.add(row["currency"], row["amount"], row["n"])
    return total, counts


def newest_by_kind(facts, limit=None) -> dict[str, list]:
    """The newest ``limit`` of ``facts`` of each kind, with their articles and
    regions, grouped by kind. One query: a page lists a bounded number of
    facts however many a province has (the rest: CSV, API)."""
    limit = limit or LISTED
    ranked = (
        facts.select_related("article", "region")
        .only(*LISTED_FIELDS)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("kind"),
                order_by=(F("article__publish_at").desc(), F("pk").asc()),
            )
        )
        .filter(rank__lte=limit)
        .order_by("-article__publish_at", "pk")
    )
    return by_kind(ranked)


# The tracker's pages add up tens of thousands of facts: each page's figures
# are computed once per content stamp (every fact decision and every change of
# a published article moves it) and then read from the cache.


def index_tables() -> dict:
    """The index's tables: years, provinces, the first 50 companies, topics."""
    return cached(
        "tracker:index",
        lambda: {
            "years": totals_by_year(),
            "provinces": totals_by_province(),
            "companies": totals_by_company()[:50],
            "topics": totals_by_topic(),
        },
    )


def page_figures(name: str, facts) -> dict:
    """A region's or company's page (``name`` says which): its investment
    total, the number of facts by kind, the totals by year and the newest facts
    of each kind; empty if it has no public fact."""

    def compute():
        total, counts = summary(facts)
        if not counts:
            return {}
        return {
            "total": total,
            "counts": counts,
            "years": totals_by_year(facts.filter(kind=INVESTMENT)),
            "groups": newest_by_kind(facts),
        }

    return cached(f"tracker:{name}", compute)


def newest(name: str, facts, limit: int) -> list:
    """The newest ``limit`` of ``facts`` (a feed's), with their articles."""
    return cached(
        f"tracker-feed:{name}:{limit}",
        lambda: list(
            facts.select_related("article", "region")
            .only(*LISTED_FIELDS)
            .order_by("-article__publish_at", "-pk")[:limit]
        ),
    )
