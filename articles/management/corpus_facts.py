"""Facts for the synthetic corpus (``generate_corpus``): the investments,
capacities, jobs and land of about a third of its articles, most of them
accepted, so the investment tracker has as much to add up as a newsroom of
that size would. Drawn from their own random stream (seeded per batch): the
articles, their regions and entities stay as they were without facts."""

import random
from decimal import Decimal

from django.utils import timezone

from articles.facts import fact_key
from articles.models.facts import Fact, company_slug

SHARE = 0.35  # of articles that state figures
COMPANIES = 600
COMPANY_WORDS = (  # noqa: SIM905 - a word list reads better as one string
    "Baja Nikel Sawit Semen Energi Kimia Pangan Logam Karya Samudra Nusantara "
    "Mineral Tambang Prima Jaya Makmur Sentosa Abadi Perkasa Mandiri Indah Agro"
).split()
REVIEWS = (
    (Fact.Review.ACCEPTED, 75),
    (Fact.Review.PENDING, 15),
    (Fact.Review.REJECTED, 10),
)
STATUSES = [s for s in Fact.Status.values]


def companies(seed) -> list[str]:
    rng = random.Random(seed + 101)
    return [
        f"PT {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} {n}"
        for n in range(COMPANIES)
    ]


def _figure(rng):
    """(kind, value, unit, currency, surface) of one plausible figure."""
    kind = rng.choices(["investment", "capacity", "jobs", "land"], [45, 20, 20, 15])[0]
    if kind == "investment":
        if rng.random() < 0.85:
            value = Decimal(rng.randint(5, 50_000)) * 10**8  # Rp500 juta – Rp5 T
            return kind, value, "", "IDR", f"Rp{value / 10**9:g} miliar"
        value = Decimal(rng.randint(1, 2_000)) * 10**6
        return kind, value, "", "USD", f"US${value / 10**6:g} juta"
    if kind == "capacity":
        value = Decimal(rng.randint(1, 3_000)) * 1_000
        return kind, value, "ton/tahun", "", f"{value:f} ton per tahun"
    if kind == "jobs":
        value = Decimal(rng.randint(20, 12_000))
        return kind, value, "orang", "", f"{value:f} tenaga kerja"
    value = Decimal(rng.randint(1, 5_000))
    return kind, value, "ha", "", f"{value:f} hektare"


def facts_for_articles(seed, start, articles, names, weights) -> list[Fact]:
    """Unsaved facts for ``articles`` ([(pk, [region, …])]) of the batch that
    begins at ``start``: a company from ``names`` (drawn by ``weights``), one of
    the article's regions, a review as the desk would leave it."""
    rng = random.Random(seed * 1_000_003 + start)
    now = timezone.now()
    rows = []
    for pk, regions in articles:
        if rng.random() >= SHARE:
            continue
        company = rng.choices(names, weights)[0] if rng.random() < 0.8 else ""
        region = rng.choice(regions) if regions else None
        keys = set()
        for _ in range(rng.randint(1, 4)):
            kind, value, unit, currency, surface = _figure(rng)
            key = fact_key(kind, value, unit, currency)
            if key in keys:
                continue
            keys.add(key)
            review = rng.choices(*zip(*REVIEWS, strict=True))[0]
            rows.append(
                Fact(
                    article_id=pk,
                    kind=kind,
                    key=key,
                    value=value,
                    unit=unit,
                    currency=currency,
                    company=company,
                    company_slug=company_slug(company),
                    region=region,
                    status=rng.choice(STATUSES) if kind == "investment" else "",
                    surface=surface,
                    evidence=f"… {surface} …",
                    review=review,
                    decided_at=None if review == Fact.Review.PENDING else now,
                )
            )
    return rows
