"""The public counts and the marks of those a write may have changed
(``articles.freshness`` marks them, ``articles.publiccounts`` recounts and reads
them)."""

from django.db import models

REGION, TOPIC, SOURCE, ENTITY = "r", "t", "s", "e"
KINDS = (REGION, TOPIC, SOURCE, ENTITY)
ALL = 0  # a StaleCount for object 0 marks the whole kind


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
    reader (``publiccounts``); object 0 stands for every count of its kind."""

    kind = models.CharField(max_length=1, choices=PublicCount.KINDS)
    object_id = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.kind}{self.object_id}"


class PostingChange(models.Model):
    """An article (or entity) whose public postings may have changed, logged
    with the content version of its write (``freshness.changes``): each
    process's postings (``publiccounts.postings``) replay the changes from
    the version they hold to the request's. Rows are written under the stamp
    row's lock, so the stamp cannot pass their version before they commit."""

    ARTICLE, ENTITY, EVERYTHING = "a", "e", "*"
    KINDS = [(ARTICLE, "article"), (ENTITY, "entity"), (EVERYTHING, "everything")]

    version = models.PositiveBigIntegerField(db_index=True)
    kind = models.CharField(max_length=1, choices=KINDS)
    object_id = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"v{self.version} {self.kind}{self.object_id}"
