"""The vocabulary of who and where: regions and tagged entities."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.models import NaturalKeyManager, TagBase

from .kinds import EntityKind
from .text import check_text_fields

PATH_SEPARATOR = "/"


class RegionQuerySet(models.QuerySet):
    def descendants_of(self, region, *, include_self=True):
        """Return ``region``'s subtree (itself too unless ``include_self=False``).

        One indexed prefix match on the materialised ``path``, whatever the depth.
        """
        qs = self.filter(path__startswith=region.path)
        return qs if include_self else qs.exclude(pk=region.pk)

    def roots(self):
        return self.filter(parent__isnull=True)


class RegionManager(models.Manager.from_queryset(RegionQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Region(models.Model):
    """An administrative area: Indonesia's provinces and regencies/cities, or abroad.

    ``code`` is the official code: Kemendagri's for Indonesia (``36`` Banten,
    ``36.72`` Kota Cilegon), ISO 3166 for countries and foreign areas (``ID``,
    ``KR``, ``KR-31`` Ulsan). ``path`` is the chain of codes from the root, kept in
    step with ``parent`` by ``save()``, so that a subtree is one prefix query.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        PROVINCE = "province", _("Province")
        REGENCY = "regency", _("Regency (kabupaten)")
        CITY = "city", _("City (kota)")
        DISTRICT = "district", _("District (kecamatan)")
        FOREIGN = "foreign", _("Foreign region or city")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("official code"),
        max_length=20,
        unique=True,
        help_text=_("Kemendagri code (e.g. 36.72) or ISO 3166 code abroad (e.g. KR)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, unique=True, editable=False)

    objects = RegionManager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ("path",)
        indexes = [
            # PostgreSQL only uses an index for ``path LIKE 'prefix%'`` with this
            # operator class (the unique index uses the database's collation).
            models.Index(
                fields=("path",),
                name="region_path_prefix",
                opclasses=("varchar_pattern_ops",),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="region_not_own_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = self.compute_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # The subtree moved with this region: rewrite its descendants' paths in
            # one statement so that roll-up queries stay correct.
            Region.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(self.path), Substr("path", len(old_path) + 1))
            )

    def get_absolute_url(self):
        return reverse("articles:region", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.code,)

    def compute_path(self):
        prefix = self.parent.path if self.parent_id else PATH_SEPARATOR
        return f"{prefix}{self.code}{PATH_SEPARATOR}"

    def clean(self):
        check_text_fields(self)
        if (
            self.parent_id
            and self.pk
            and self.parent.path.startswith(self.path or self.compute_path())
        ):
            raise ValidationError(
                {"parent": _("A region cannot sit inside its own subtree.")}
            )

    def ancestors(self):
        """Return the regions above this one, from the root down, in one query."""
        codes = [code for code in self.path.split(PATH_SEPARATOR) if code][:-1]
        by_code = {r.code: r for r in Region.objects.filter(code__in=codes)}
        return [by_code[code] for code in codes if code in by_code]


class JoinedNames(models.Aggregate):
    """The values joined by newlines, in no particular order (``group_concat`` on
    SQLite, ``string_agg`` on PostgreSQL)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, CHAR(10))"
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, E'\\n')",
            **extra,
        )


class EntityQuerySet(models.QuerySet):
    def matching_name(self, text):
        """Return entities whose name or one of whose aliases equals ``text``
        (case-insensitively)."""
        return self.filter(
            models.Q(name__iexact=text) | models.Q(aliases__name__iexact=text)
        ).distinct()

    def with_alias_names(self):
        """Annotate ``alias_names``: the aliases, one per line, in one subquery."""
        names = (
            EntityAlias.objects.filter(entity=models.OuterRef("pk"))
            .order_by()
            .values("entity")
            .annotate(names=JoinedNames("name"))
            .values("names")
        )
        return self.annotate(alias_names=models.Subquery(names))

    def frequent(self, threshold):
        """Annotate ``is_frequent``: tagged on at least ``threshold`` articles.

        Reads at most ``threshold`` index entries per entity, however popular.
        """
        tagged = self.model._meta.get_field("tagged_articles").related_model
        return self.annotate(
            is_frequent=models.Exists(
                tagged.objects.filter(tag=models.OuterRef("pk")).order_by()[
                    threshold - 1 : threshold
                ]
            )
        )


class EntityManager(NaturalKeyManager.from_queryset(EntityQuerySet)):
    pass


def version_field():
    """The row's version, for the stale-save refusal: raised on every save, and
    a save based on an older one is refused (articles, entities, topics)."""
    return models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Raised on every save; a save based on an older version is refused."
        ),
    )


class Entity(TagBase):
    """Someone or something articles are about: a person, organisation or place.

    A taggit tag, so that ``Article.entities`` is a ``TaggableManager``; its natural
    key is the unique ``name`` (taggit's), which keeps fixtures free of integer ids.
    """

    Kind = EntityKind

    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Role or title for people, what it is for organisations."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entities",
        help_text=_("For places, the region it denotes; otherwise the home region."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        limit_choices_to={"kind": Kind.ORGANISATION},
    )
    version = version_field()

    objects = EntityManager()
    history = HistoricalRecords(
        verbose_name=_("entity revision"), verbose_name_plural=_("entity revisions")
    )

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        ordering = ("name",)
        permissions = [
            ("merge_entity", _("Can merge and split entities")),
        ]
        indexes = [models.Index(fields=("kind", "name"))]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="entity_not_own_parent",
            ),
        ]

    @property
    def alias_list(self):
        """The aliases' names, sorted, from ``with_alias_names`` when annotated."""
        if hasattr(self, "alias_names"):
            return sorted(filter(None, (self.alias_names or "").split("\n")))
        return [alias.name for alias in self.aliases.all()]

    def get_absolute_url(self):
        return reverse("articles:entity", kwargs={"slug": self.slug})

    def clean(self):
        check_text_fields(self)
        if self.parent_id and self.parent.kind != self.Kind.ORGANISATION:
            raise ValidationError({"parent": _("The parent must be an organisation.")})


class EntityAliasManager(models.Manager):
    def get_by_natural_key(self, entity_name, name):
        return self.get(entity__name=entity_name, name=name)


class EntityAlias(models.Model):
    """Another name an entity goes by: an abbreviation (KS), a short or old name."""

    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="aliases",
    )
    name = models.CharField(_("alias"), max_length=100, db_index=True)

    objects = EntityAliasManager()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("entity", "name"), name="entityalias_unique_per_entity"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        check_text_fields(self)

    def natural_key(self):
        return (*self.entity.natural_key(), self.name)

    natural_key.dependencies = ["entities.entity"]


class EntityRedirect(models.Model):
    """An address an entity had (before a merge or a new slug): its public page
    answers 301 to the entity it now belongs to."""

    old_slug = models.SlugField(_("old slug"), max_length=100, unique=True)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="redirects",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("entity address redirect")
        verbose_name_plural = _("entity address redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.entity}"


class EntityMerge(models.Model):
    """A record of one entity merged into another, complete enough to undo it.

    ``snapshot`` holds the merged entity as it was (fields, aliases) and which
    articles carried it, so that ``entities.services.entity_merge_undo`` can put
    every link back.
    """

    survivor = models.ForeignKey(
        Entity,
        verbose_name=_("kept entity"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    merged_name = models.CharField(_("merged entity"), max_length=100)
    snapshot = models.JSONField(_("snapshot"))
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("entity merge")
        verbose_name_plural = _("entity merges")
        ordering = ("-merged_at",)

    def __str__(self):
        return f"{self.merged_name} → {self.survivor}"
