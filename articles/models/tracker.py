"""The investment tracker's totals, kept in the database (``articles.facts.totals``
maintains them in the transaction of every write that changes a public fact):
what each public fact was counted as (``TrackedFact``), the sums by scope, year,
kind and currency (``TrackerTotal``) and how far scheduled articles were caught
up (``TrackerState``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_YEARS = 0  # ``TrackerTotal.year`` of a sum over every year


class TrackedFact(models.Model):
    """A public fact as it was added to the totals: what to take away again
    when it changes, stops being public or goes (so no foreign key cascades:
    the row outlives its fact until the next resync of its article)."""

    fact = models.OneToOneField(
        "articles.Fact",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    kind = models.CharField(max_length=12)
    value = models.DecimalField(max_digits=24, decimal_places=4)
    currency = models.CharField(max_length=3, blank=True)
    region_id = models.PositiveIntegerField(null=True)
    company_slug = models.CharField(max_length=200, blank=True)
    company = models.CharField(max_length=200, blank=True)
    # The article's publish time (pages list the newest facts first) and its
    # year in the newsroom's time zone.
    publish_at = models.DateTimeField()
    year = models.PositiveSmallIntegerField()
    # The article's topics when counted, as "3,17" (a sector's total).
    topics = models.CharField(max_length=400, blank=True)

    class Meta:
        verbose_name = _("tracked fact")
        verbose_name_plural = _("tracked facts")
        indexes = [
            # The newest facts of a company, of a kind, of everything, of a
            # small region (``articles.facts.listing``).
            models.Index(
                fields=("company_slug", "kind", "-publish_at"),
                name="tracked_fact_company",
            ),
            models.Index(fields=("kind", "-publish_at"), name="tracked_fact_kind"),
            models.Index(fields=("-publish_at",), name="tracked_fact_newest"),
            models.Index(fields=("region_id",), name="tracked_fact_region"),
        ]

    def __str__(self):
        return f"fact {self.fact_id}: {self.kind} {self.value} {self.currency}"


class TrackerTotal(models.Model):
    """The sum and number of the public facts of one kind and currency in one
    scope (everything, a region with the regions inside it, a company, a
    topic), for one year of publication or for every year (``ALL_YEARS``)."""

    class Scope(models.TextChoices):
        ALL = "a", _("everything")
        REGION = "r", _("region")
        COMPANY = "c", _("company")
        TOPIC = "t", _("topic")

    scope = models.CharField(max_length=1, choices=Scope.choices)
    key = models.CharField(max_length=200, blank=True)  # region/topic id, slug
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.DecimalField(max_digits=30, decimal_places=4)
    count = models.IntegerField()
    # A company's name (the first of its facts' names, alphabetically).
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("tracker total")
        verbose_name_plural = _("tracker totals")
        constraints = [
            models.UniqueConstraint(
                fields=("scope", "key", "year", "kind", "currency"),
                name="tracker_total_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=("scope", "year", "kind", "currency", "-amount"),
                name="tracker_total_rank",
            ),
        ]

    def __str__(self):
        return f"{self.scope}:{self.key} {self.year} {self.kind} {self.currency}"


class TrackerState(models.Model):
    """One row: the newest publish time the totals include (a scheduled
    article going live later is caught up from here), and whether they must be
    rebuilt from scratch (a region moved, a load, a rebuild of everything)."""

    tracked_until = models.DateTimeField(null=True, blank=True)
    stale = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("tracker state")
        verbose_name_plural = _("tracker states")

    def __str__(self):
        return f"until {self.tracked_until} ({'stale' if self.stale else 'ok'})"
