"""The content: sources, topics, articles and their tags."""

import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles.models import richtext, workflow
from entities.models import Entity, Region
from entities.text import check_text_fields


def content_fingerprint(text: str) -> str:
    """A hash of ``text`` that ignores case, punctuation and spacing."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Topic(models.Model):
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

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="topic_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})

    def clean(self):
        check_text_fields(self)

    def natural_key(self):
        return (self.slug,)


class Source(models.Model):
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

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ("name",)

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})

    def clean(self):
        check_text_fields(self)

    def natural_key(self):
        return (self.slug,)


def shown_instead(article: str):
    """The story membership that keeps an article out of lists (see
    ``ArticleQuerySet.listed``): its story's canonical article is another one
    and is public. ``article`` names the outer query's article id column
    (``"pk"``, or ``"content_object_id"`` from a tag)."""
    from django.db.models.functions import Now

    return StoryMember.objects.filter(
        article_id=OuterRef(article),
        story__canonical__status=workflow.Status.PUBLISHED,
        story__canonical__publish_at__lte=Now(),
    ).exclude(story__canonical_id=OuterRef(article))


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles the public may see (``workflow.public_q``):
        published, publish time passed by the database clock, so a scheduled
        article appears by itself once its time comes, with nothing to run."""
        return self.filter(workflow.public_q())

    def listed(self):
        """Return the published articles lists and feeds show: each story once.

        A published copy is left out when its story's canonical article is
        another one and is public; when the canonical is not public (in review,
        archived), the story's published versions are listed as usual.
        """
        return self.published().filter(~Exists(shown_instead("pk")))

    def scheduled(self):
        """Return published articles whose publish time is still to come."""
        return self.filter(workflow.scheduled_q())

    def visible_to(self, user):
        """Return the articles ``user`` may see in the newsroom
        (``workflow.visible_q``)."""
        condition = workflow.visible_q(user)
        return self if condition is None else self.filter(condition)

    def in_regions(self, region_ids):
        """Return articles tagged with any of ``region_ids`` (a region's subtree,
        see ``Taxonomy.region_subtree``)."""
        return self.filter(
            pk__in=Article.regions.through.objects.filter(
                region_id__in=list(region_ids)
            ).values("article_id")
        )

    def in_topics(self, topic_ids, *, frequent=False):
        """Return articles on any of ``topic_ids`` (a topic's subtree).

        ``frequent`` chooses the plan as for ``mentioning``: for topics on many
        articles, check each article; otherwise look the topics' tags up first.
        """
        tagged = Article.topics.through.objects.filter(topic_id__in=list(topic_ids))
        if frequent:
            return self.filter(Exists(tagged.filter(article=OuterRef("pk"))))
        return self.filter(pk__in=tagged.values("article_id"))

    def mentioning(self, entity):
        """Return articles tagged with ``entity``.

        For an entity annotated ``is_frequent`` (see ``EntityQuerySet.frequent``)
        each article is checked for the tag, which finds a page of newest ones
        quickly; for a rarer one its tags are looked up first.
        """
        if getattr(entity, "is_frequent", False):
            return self.mentioning_any([entity.pk])
        return self.filter(
            pk__in=TaggedEntity.objects.filter(tag=entity).values("content_object_id")
        )

    def mentioning_any(self, entity_ids):
        """Return articles tagged with at least one of ``entity_ids``."""
        return self.filter(
            Exists(
                TaggedEntity.objects.filter(
                    content_object=OuterRef("pk"), tag_id__in=entity_ids
                )
            )
        )

    def mentioning_kind(self, kind):
        """Return articles tagged with at least one entity of ``kind``."""
        return self.filter(
            Exists(
                TaggedEntity.objects.filter(
                    content_object=OuterRef("pk"), tag__kind=kind
                )
            )
        )

    def for_listing(self):
        """Return articles with what a list row shows loaded in constant queries:
        the source joined, regions, topics and entities prefetched."""
        return self.select_related("source").prefetch_related(
            "regions", "topics", "entities"
        )


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ArticleTagManager(models.Manager):
    def get_by_natural_key(self, article_slug, tag_name):
        return self.get(content_object__slug=article_slug, tag__name=tag_name)


class ArticleTagBase(TaggedItemBase):
    """A tag on an article, addressed in fixtures as (article slug, tag name).

    taggit's through models have no natural key of their own, so fixtures would
    otherwise carry integer ids that collide with rows editors have added.
    """

    objects = ArticleTagManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (*self.content_object.natural_key(), *self.tag.natural_key())

    natural_key.dependencies = ["articles.article", "entities.entity", "taggit.tag"]


class TaggedEntity(ArticleTagBase):
    """The link between an article and an entity it mentions."""

    tag = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="tagged_articles",
        db_index=False,  # the first column of taggedentity_tag_article
    )
    content_object = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tagged_entities",
    )

    class Meta:
        verbose_name = _("tagged entity")
        verbose_name_plural = _("tagged entities")
        constraints = [
            models.UniqueConstraint(
                fields=("content_object", "tag"), name="taggedentity_unique"
            ),
        ]
        indexes = [
            # An entity's articles, read from the index alone: a frequent
            # entity's tens of thousands of tags without reading the table.
            models.Index(
                fields=("tag", "content_object"), name="taggedentity_tag_article"
            ),
        ]


class TaggedKeyword(ArticleTagBase):
    """A free keyword (taggit's own Tag) on an article."""

    content_object = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="tagged_keywords",
    )

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        constraints = [
            models.UniqueConstraint(
                fields=("content_object", "tag"), name="taggedkeyword_unique"
            ),
        ]


class RevisionTags(models.Model):
    """What every revision of an article records beyond its own columns: the
    regions, topics, entities and keywords it carried (see ``articles.editorial.history``).
    """

    tags = models.JSONField(_("tags"), default=dict, blank=True)

    class Meta:
        abstract = True


class Article(models.Model):
    """A news article as the desk curates it."""

    Status = workflow.Status

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("The article's address; derived from the title when left empty."),
    )
    standfirst = models.TextField(
        _("standfirst"),
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Paragraphs, subheadings, bold, italic, links, lists and quotes; any "
            "other formatting is removed, the text is always kept."
        ),
    )
    body_text = models.TextField(
        _("body as text"), blank=True, default="", editable=False
    )
    # Kept with the text, so lists show reading times without reading bodies.
    word_count = models.PositiveIntegerField(_("words"), default=0, editable=False)
    dateline = models.CharField(
        _("dateline"),
        max_length=100,
        blank=True,
        help_text=_("The place the story was filed from, e.g. CILEGON."),
    )
    dateline_region = models.ForeignKey(
        Region,
        verbose_name=_("dateline region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="datelined_articles",
    )
    original_published_on = models.DateField(
        _("original publication date"),
        null=True,
        blank=True,
        help_text=_("As stated by the source; leave empty when unknown."),
    )
    original_url = models.URLField(_("original URL"), max_length=500, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("Leave empty when the outlet is not known."),
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=100,
        blank=True,
        help_text=_("The source's credit line as printed, e.g. */Ika or Red."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the article."),
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Raised on every save; a save based on an older version is refused."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_articles",
        help_text=_("Who works on the article now; they may edit it like its author."),
    )
    status_changed_at = models.DateTimeField(
        _("status changed"), null=True, blank=True, editable=False
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Stored by ``images.stage`` under a random folder, metadata stripped.
    featured_image = models.ImageField(
        _("featured image"), upload_to="articles/", blank=True
    )
    featured_image_alt = models.CharField(
        _("image alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    featured_image_caption = models.CharField(
        _("image caption"),
        max_length=300,
        blank=True,
        help_text=_("What the picture shows, printed under it."),
    )
    featured_image_credit = models.CharField(
        _("image credit"),
        max_length=150,
        blank=True,
        help_text=_("Who took or owns the picture, e.g. Foto: Humas Pemprov Banten."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(
        _("image renditions"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Resized copies of the featured image, by width in pixels."),
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="articles"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="articles"
    )
    keywords = TaggableManager(
        verbose_name=_("keywords"),
        help_text=_("Free keywords, separated by commas."),
        through=TaggedKeyword,
        blank=True,
    )
    entities = TaggableManager(
        verbose_name=_("entities"),
        help_text=_("People, organisations and places the article mentions."),
        through=TaggedEntity,
        blank=True,
    )
    imported_from = models.CharField(
        _("imported from"),
        max_length=300,
        blank=True,
        editable=False,
        help_text=_("The file (and record) an imported article came from."),
    )
    content_hash = models.CharField(
        _("content fingerprint"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "Of the normalised body, to recognise the same text imported again."
        ),
    )
    created_at = models.DateTimeField(
        _("created"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleManager()
    history = HistoricalRecords(
        verbose_name=_("article revision"),
        verbose_name_plural=_("article revisions"),
        excluded_fields=(
            "updated_at",
            "image_renditions",
            "image_width",
            "image_height",
            "body_text",
            "word_count",
        ),
        bases=[RevisionTags],
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ("-publish_at", "-pk")
        get_latest_by = "publish_at"
        permissions = [
            ("publish_article", _("Can publish, schedule, archive and unpublish")),
        ]
        indexes = [
            # Every list: newest public first, in the lists' order (publish time,
            # then id), the id included so that PostgreSQL walks the index alone
            # (an index-only scan) while it checks each article's tags.
            models.Index(
                fields=("status", "-publish_at", "-id"), name="article_status_pub_id"
            ),
            # A source's page and the source filter: newest public first.
            models.Index(
                fields=("source", "status", "-publish_at"), name="article_source_pub"
            ),
            # The newsroom's list in its default order, every status: newest
            # publish time first, drafts without one before them (PostgreSQL's
            # NULLS FIRST for DESC), then id. Without the id, 30,000 drafts
            # sharing a NULL time were read and sorted for a page of 50.
            models.Index(fields=("-publish_at", "-id"), name="article_pub_id"),
            # The "recently changed" queue.
            models.Index(fields=("-updated_at",), name="article_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(publish_at__isnull=False),
                name="article_published_has_time",
                violation_error_message=_("A published article needs a publish time."),
            ),
            models.CheckConstraint(
                condition=models.Q(featured_image="")
                | ~models.Q(featured_image_alt=""),
                name="article_image_has_alt",
                violation_error_message=_("A featured image needs alt text."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        # The body is kept sanitised (the allowlist in ``richtext``) whatever the
        # path that saves it; its text and fingerprint follow from it.
        self.body = richtext.sanitize(self.body)
        self.body_text = richtext.to_text(self.body)
        self.word_count = len(richtext.WORD.findall(self.body_text))
        self.content_hash = content_fingerprint(self.body_text)
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "version",
                    "content_hash",
                    "body",
                    "body_text",
                    "word_count",
                }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        # Plain-text fields are kept exactly as typed (templates escape them);
        # the body is HTML, sanitised without losing a word or refused.
        check_text_fields(self)
        try:
            self.body = richtext.sanitize(self.body)
        except richtext.TextWouldBeLost as exc:
            raise ValidationError({"body": exc}) from exc
        workflow.default_publish_time(self)

    def unique_slug(self):
        """Return a slug from the title that no other article uses."""
        base = slugify(self.title)[:240].strip("-") or "artikel"
        taken = set(
            Article.objects.filter(slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_public(self):
        return workflow.is_public(self)

    @property
    def is_scheduled(self):
        return workflow.is_scheduled(self)

    def _renditions(self) -> list[tuple[int, str]]:
        return sorted(
            (
                (int(width), name)
                for width, name in (self.image_renditions or {}).items()
            ),
        )

    @property
    def image_srcset(self) -> str:
        """The ``srcset`` of the featured image's renditions (empty if none)."""
        return ", ".join(
            f"{default_storage.url(name)} {width}w"
            for width, name in self._renditions()
        )

    def image_rendition(self, width=960) -> dict | None:
        """The largest rendition no wider than ``width`` (else the smallest):
        ``{"url", "width", "height"}``. Public pages link renditions only."""
        renditions = self._renditions()
        if not renditions:
            return None
        fitting = [r for r in renditions if r[0] <= width] or renditions[:1]
        chosen_width, name = fitting[-1]
        height = None
        if self.image_width and self.image_height:
            shown = min(chosen_width, self.image_width)
            height = round(self.image_height * shown / self.image_width)
            chosen_width = shown
        return {
            "url": default_storage.url(name),
            "width": chosen_width,
            "height": height,
        }

    @property
    def card_image(self) -> dict | None:
        return self.image_rendition(480)

    @property
    def hero_image(self) -> dict | None:
        return self.image_rendition(960)

    @property
    def share_image(self) -> dict | None:
        return self.image_rendition(1600)

    def summary(self) -> str:
        """The standfirst, or the first paragraph of the text."""
        return self.standfirst or self.body_text.split("\n\n", 1)[0]

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the text at 200 words a minute, at least one."""
        return max(1, round(self.word_count / 200))


class ArticleRedirect(models.Model):
    """An address an article had before its slug changed: it answers 301 to the
    article's address now, so links and search engines follow."""

    old_slug = models.SlugField(_("old slug"), max_length=255, unique=True)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="redirects",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("article address redirect")
        verbose_name_plural = _("article address redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.article}"


class ArticleNote(models.Model):
    """An internal note on an article: for the newsroom only, never on a public
    page, and not part of the article's revisions (restoring one keeps them).
    ``@username`` in the text notifies that colleague."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ("created_at", "pk")

    def __str__(self):
        return self.text[:60]

    def clean(self):
        check_text_fields(self)


class ContentVersion(models.Model):
    """One row whose ``version`` goes up whenever something the public site shows
    changes (articles, their tags, regions, topics, sources, entities).

    Together with the newest publish time it is the site's *content stamp*: page
    and count caches are keyed by it, and ETags are made from it. It lives in the
    database so that every worker process sees a change at once.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    # The newest publish time the public counts include (``articles.publiccounts.recount``):
    # a scheduled article going live later is caught up from here.
    counted_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return f"v{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class PublicCount(models.Model):
    """How many public articles a region (sub-regions included), topic
    (sub-topics included), source or entity has; kept up to date by
    ``articles.publiccounts.recount``."""

    KINDS = [("r", "region"), ("t", "topic"), ("s", "source"), ("e", "entity")]

    kind = models.CharField(max_length=1, choices=KINDS)
    object_id = models.PositiveIntegerField()
    count = models.PositiveIntegerField()
    # An entity's kind, so the most mentioned of each kind come from the index.
    group = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "object_id"), name="public_count_unique"
            ),
        ]
        indexes = [
            models.Index(fields=("kind", "group", "-count"), name="public_count_rank"),
        ]

    def __str__(self):
        return f"{self.kind}{self.object_id}: {self.count}"


class StaleCount(models.Model):
    """A public count a write may have changed, to be recounted by the next
    reader (``articles.publiccounts.recount``); object 0 stands for every count of its kind."""

    kind = models.CharField(max_length=1, choices=PublicCount.KINDS)
    object_id = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.kind}{self.object_id}"


# Registered with this app from their own packages (``articles.stories``,
# ``articles.suggestions``).
from articles.models.stories import Band, Signature, Story, StoryMember  # noqa: E402, F401
from articles.models.suggestions import Suggestion  # noqa: E402, F401
