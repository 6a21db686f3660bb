"""The content: articles, their featured image, address redirects and notes."""

import hashlib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from articles.models import richtext, workflow
from articles.models.images import FeaturedImage
from articles.models.query import ArticleManager
from articles.models.tags import TaggedEntity, TaggedKeyword
from articles.models.taxonomy import Source, Topic
from entities.models import Region
from entities.text import check_text_fields


def content_fingerprint(text: str) -> str:
    """A hash of ``text`` that ignores case, punctuation and spacing."""
    words = re.findall(r"\w+", text.lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""


class RevisionTags(models.Model):
    """What every revision of an article records beyond its own columns: the
    regions, topics, entities and keywords it carried (``editorial.history``).
    """

    tags = models.JSONField(_("tags"), default=dict, blank=True)

    class Meta:
        abstract = True


class Article(FeaturedImage, workflow.WorkflowState):
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
    # When the newest correction, clarification or reply was added: the page
    # shows "Updated …" and reads the notes only when there are some.
    corrected_at = models.DateTimeField(
        _("corrected"), null=True, blank=True, editable=False
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
        self.derive()
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

    def derive(self) -> None:
        """Fill the fields that follow from others: the body kept sanitised (the
        allowlist in ``richtext``) whatever the path that saves it, its text,
        word count and fingerprint. ``save()`` calls it, and so does every bulk
        write (``editorial.articles_create``), so no path can miss one."""
        self.body = richtext.sanitize(self.body)
        self.body_text = richtext.to_text(self.body)
        self.word_count = len(richtext.WORD.findall(self.body_text))
        self.content_hash = content_fingerprint(self.body_text)

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

    def summary(self) -> str:
        """The standfirst, or the first paragraph of the text."""
        return self.standfirst or self.body_text.split("\n\n", 1)[0]

    @property
    def reading_minutes(self) -> int:
        """Minutes to read the text at 200 words a minute, at least one."""
        return max(1, round(self.word_count / 200))


def derive_on_load(sender, instance, raw=False, **kwargs):
    """``pre_save`` receiver: a raw save (``loaddata``) skips ``Article.save()``,
    so derive here what a fixture left out (the seed carries no word counts).
    A row that has them (a backup being restored) is kept as dumped: deriving
    a hundred thousand bodies again would only slow the restore."""
    if raw and instance.body and not (instance.word_count and instance.content_hash):
        instance.derive()


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
