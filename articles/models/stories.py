"""Stories: the articles several outlets ran about one event, and the index that
finds them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryQuerySet(models.QuerySet):
    def with_size(self):
        """Annotate ``size``: the number of member articles."""
        return self.annotate(size=models.Count("members"))


class Story(models.Model):
    """One event as several outlets reported it. Its members are the articles
    (``StoryMember``); one of them is *canonical*: the version the public lists
    show, with "also reported by" naming the others."""

    canonical = models.ForeignKey(
        "articles.Article",
        verbose_name=_("canonical article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    canonical_by_desk = models.BooleanField(
        _("canonical chosen by the desk"),
        default=False,
        help_text=_("Otherwise the earliest article with a known source."),
    )
    first_seen = models.DateTimeField(_("first seen"), null=True, blank=True)
    last_seen = models.DateTimeField(_("last seen"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ("-last_seen", "-pk")
        indexes = [models.Index(fields=("-last_seen",), name="story_last_seen")]

    def __str__(self):
        if self.canonical_id and self.canonical:
            return self.canonical.title
        return _("Story %(pk)s") % {"pk": self.pk}


class StoryMember(models.Model):
    """An article's place in a story, and how it got there.

    A separate row rather than a column on the article: attaching an archived
    article to a story found by an import does not rewrite the article (no new
    version under an editor who has it open, no revision of an unchanged text).
    An article in no story is a story of its own.
    """

    class Method(models.TextChoices):
        IMPORT = "import", _("Found on import")
        SAVE = "save", _("Found when saved")
        REBUILD = "rebuild", _("Found by a rebuild")
        DESK = "desk", _("Placed by the desk")

    story = models.ForeignKey(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="members"
    )
    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="story_member",
    )
    matched = models.ForeignKey(
        "articles.Article",
        verbose_name=_("same story as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The article this one was found to copy."),
    )
    similarity = models.FloatField(_("similarity"), null=True, blank=True)
    additions = models.JSONField(
        _("what it adds"),
        default=dict,
        blank=True,
        help_text=_("Quotes, figures and names this version has and the other not."),
    )
    method = models.CharField(
        _("how"), max_length=10, choices=Method.choices, default=Method.IMPORT
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("story member")
        verbose_name_plural = _("story members")
        ordering = ("story", "pk")

    def __str__(self):
        return f"{self.story_id}: {self.article_id}"


class Signature(models.Model):
    """An article's MinHash signature, as of the text fingerprint it was made
    from (``content_hash``: a changed text makes it stale)."""

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="story_signature",
    )
    content_hash = models.CharField(max_length=64)
    day = models.DateField(help_text="When the article was first seen.")
    shingles = models.PositiveIntegerField()
    minhash = models.BinaryField()
    # The sorted 32-bit hashes of its shingles: candidates are compared exactly.
    hashes = models.BinaryField()
    # The figures it states, as digits ("124 2300 60"): one event, one set.
    figures = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("text signature")
        verbose_name_plural = _("text signatures")

    def __str__(self):
        return f"{self.article_id}: {self.shingles} shingles"


class Band(models.Model):
    """One LSH band key of an article's signature. Articles sharing a key are
    candidates: looking a new text up is one indexed query for its band keys
    (and days), whatever the size of the archive."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+"
    )
    key = models.BigIntegerField()
    # The article's day, beside the key: a lookup reads only the keys of the
    # days around the new text (``index.Params.window_days``).
    day = models.DateField()

    class Meta:
        verbose_name = _("signature band")
        verbose_name_plural = _("signature bands")
        indexes = [models.Index(fields=("key", "day"), name="story_band_key_day")]

    def __str__(self):
        return f"{self.article_id}: {self.key}"
