"""The date archive: a list's articles by year and month, with the number of
each month, counted over the same articles the month's page lists (one query
per year, kept per content stamp). Months are the newsroom's (``TIME_ZONE``,
Asia/Jakarta), as readers read dates."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone

from articles.freshness import cached

# Years an archive address may name: outside them there is nothing to list.
FIRST_YEAR, LAST_YEAR = 1900, 2999


@dataclass(frozen=True)
class Period:
    """One year or one month of the archive and its number of articles."""

    year: int
    month: int | None
    count: int

    @property
    def date(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, 1)


def bounds(year: int, month: int | None = None):
    """The aware start and end (exclusive) of ``year`` or of its ``month`` in
    the newsroom's time zone; ``None`` for a period no address may name."""
    if (
        not FIRST_YEAR <= year <= LAST_YEAR
        or month is not None
        and not (1 <= month <= 12)
    ):
        return None
    if month is None:
        start, end = datetime.datetime(year, 1, 1), datetime.datetime(year + 1, 1, 1)
    else:
        start = datetime.datetime(year, month, 1)
        end = datetime.datetime(year + (month == 12), month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(start, zone), timezone.make_aware(end, zone)


def in_period(queryset, year: int, month: int | None = None):
    """The articles of ``queryset`` published in the period (an index range
    on the publish time)."""
    start, end = bounds(year, month)
    return queryset.filter(publish_at__gte=start, publish_at__lt=end)


def month_counts(queryset, *, year: int, key: str) -> list[Period]:
    """The months of ``year`` with articles of ``queryset``, oldest first, each
    with its number; kept under ``key`` (the list's scope) and the stamp."""

    def compute():
        rows = (
            in_period(queryset, year)
            .order_by()
            .annotate(month=TruncMonth("publish_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .values_list("month", "n")
        )
        # TruncMonth truncates in the current time zone: local months.
        return sorted(
            (Period(year, month.month, n) for month, n in rows if month),
            key=lambda p: p.month,
        )

    return cached(f"archive-months:{key}:{year}", compute)


def year_counts(queryset, *, key: str) -> list[Period]:
    """The years with articles of ``queryset``, newest first, each with its
    number; kept under ``key`` and the stamp."""

    def compute():
        rows = (
            queryset.order_by()
            .annotate(year=TruncYear("publish_at"))
            .values("year")
            .annotate(n=Count("pk"))
            .values_list("year", "n")
        )
        return sorted(
            (Period(year.year, None, n) for year, n in rows if year),
            key=lambda p: -p.year,
        )

    return cached(f"archive-years:{key}", compute)


def period_count(queryset, *, year: int, month: int | None, key: str) -> int:
    """The number of articles of ``queryset`` in the period, from its year's
    month counts (the number the month's link shows)."""
    months = month_counts(queryset, year=year, key=key)
    return sum(p.count for p in months if month is None or p.month == month)
