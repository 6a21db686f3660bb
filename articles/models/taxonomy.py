"""The desk's vocabulary of its own: topics and sources (regions and entities
live in ``entities``)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from entities.models import Region, version_field
from entities.text import check_text_fields


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SlugNamed(models.Model):
    """A named thing of the desk's vocabulary, addressed by a slug made from its
    name when left empty, and known to fixtures by that slug. Subclasses define
    ``name`` and ``slug``."""

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        check_text_fields(self)

    def natural_key(self):
        return (self.slug,)


class Topic(SlugNamed):
    """A subject in the desk's small taxonomy (steel, industrial estates, …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    iptc_code = models.CharField(
        _("IPTC Media Topic code"),
        max_length=30,
        blank=True,
        help_text=_("Optional, e.g. medtop:20000344."),
    )
    keywords = models.TextField(
        _("suggestion keywords"),
        blank=True,
        help_text=_(
            "One word or phrase per line; articles that use them are suggested "
            "this topic."
        ),
    )
    version = version_field()

    history = HistoricalRecords(
        verbose_name=_("topic revision"), verbose_name_plural=_("topic revisions")
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="topic_not_own_parent"
            ),
        ]

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Source(SlugNamed):
    """The outlet an article came from."""

    class Kind(models.TextChoices):
        NEWS_SITE = "news_site", _("News site")
        WIRE = "wire", _("News agency / wire")
        GOVERNMENT = "government", _("Government")
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    homepage = models.URLField(_("homepage"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.NEWS_SITE
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sources",
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    # A partner's feed, polled by a job (articles.jobs.feeds): new items land in
    # review with suggestions.
    feed_url = models.URLField(
        _("feed address"),
        max_length=500,
        blank=True,
        help_text=_("RSS or Atom; new items are imported to review by themselves."),
    )
    feed_interval = models.PositiveIntegerField(
        _("poll every (minutes)"),
        default=60,
        validators=[MinValueValidator(5)],
    )
    feed_last_success = models.DateTimeField(
        _("last successful poll"), null=True, blank=True, editable=False
    )
    feed_last_error = models.TextField(_("last error"), blank=True, editable=False)
    feed_next_poll = models.DateTimeField(
        _("next poll"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ("name",)

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})
