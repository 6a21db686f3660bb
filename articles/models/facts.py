"""The fact: a figure an article states (an investment, a capacity, jobs,
land), extracted from its text and public once an editor accepts it."""

import re

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models.suggestions import Decision
from entities.models import Region


def company_slug(name: str) -> str:
    """A company's address on the tracker: its name without legal form."""
    name = re.sub(r"\b(PT|Tbk|CV)\b\.?|\(Persero\)", " ", name)
    return slugify(name)[:200]


class FactQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(review=Fact.Review.ACCEPTED)

    def public(self):
        """Accepted facts of public articles: what the tracker adds up."""
        from articles.models.content import Article

        return self.accepted().filter(article__in=Article.objects.published())


class Fact(models.Model):
    """One fact of an article, as extracted (``entities.extraction.facts``) and
    as the desk decided it. A rejected fact stays, so that extracting the
    article again does not propose it again."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        CAPACITY = "capacity", _("Capacity")
        JOBS = "jobs", _("Jobs")
        LAND = "land", _("Land")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        COMMITTED = "committed", _("Committed")
        REALISED = "realised", _("Realised")
        UNKNOWN = "unknown", _("Unknown")

    Review = Decision

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="facts",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # What the extractor found, as first found: extracting again compares it.
    key = models.CharField(_("key"), max_length=120, editable=False)
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    company = models.CharField(_("company"), max_length=200, blank=True)
    # The company's page on the tracker (/investasi/perusahaan/<slug>/).
    company_slug = models.SlugField(max_length=200, blank=True, editable=False)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facts",
    )
    status = models.CharField(
        _("investment status"), max_length=10, choices=Status.choices, blank=True
    )
    surface = models.CharField(_("as written"), max_length=200, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = FactQuerySet.as_manager()

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ("article", "kind", "pk")
        constraints = [
            models.UniqueConstraint(fields=("article", "key"), name="fact_unique_key"),
        ]
        indexes = [
            models.Index(fields=("review", "kind"), name="fact_review_kind"),
            models.Index(fields=("company_slug",), name="fact_company_slug"),
        ]

    def __str__(self):
        what = self.currency or self.unit
        return f"{self.get_kind_display()}: {self.value.normalize():f} {what}".strip()

    def save(self, *args, **kwargs):
        self.company_slug = company_slug(self.company)
        super().save(*args, **kwargs)
