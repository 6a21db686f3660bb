"""What "public", "listed" and "tagged with" mean for articles, as querysets."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, F, OuterRef

from articles.models import workflow


def _model(name):
    # The models defined after this module (content, tags, stories) build on it.
    return apps.get_model("articles", name)


def _model_entities():
    return apps.get_model("entities", "Entity")


def shown_instead(article: str):
    """The story membership that keeps an article out of lists (see
    ``ArticleQuerySet.listed``): its story's canonical article is another one
    and is public. ``article`` names the outer query's article id column
    (``"pk"``, or ``"content_object_id"`` from a tag)."""
    from django.db.models.functions import Now

    return (
        _model("StoryMember")
        .objects.filter(
            article_id=OuterRef(article),
            story__canonical__status=workflow.Status.PUBLISHED,
            story__canonical__publish_at__lte=Now(),
        )
        .exclude(story__canonical_id=OuterRef(article))
    )


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

    def in_regions(self, region_ids, *, frequent=False):
        """Return articles tagged with any of ``region_ids`` (a region's subtree,
        see ``Taxonomy.region_subtree``).

        ``frequent`` chooses the plan as for ``in_topics``: for a region of
        many articles each article walked (in the list's order) has its few
        region tags read and checked (``+ 0``: not one probe per region of the
        subtree), so a page stops after its rows; otherwise the region's tags
        are looked up first. The deepest page of the biggest region at 100k
        articles: 480 ms → under 1 ms on SQLite."""
        region_ids = list(region_ids)
        through = self.model.regions.through.objects
        if frequent:
            tagged = (
                through.filter(article=OuterRef("pk"))
                .annotate(region_key=F("region_id") + 0)
                .filter(region_key__in=region_ids)
            )
            return self.filter(Exists(tagged))
        return self.filter(
            pk__in=through.filter(region_id__in=region_ids).values("article_id")
        )

    def in_topics(self, topic_ids, *, frequent=False):
        """Return articles on any of ``topic_ids`` (a topic's subtree).

        ``frequent`` chooses the plan as for ``mentioning``: for topics on many
        articles, check each article; otherwise look the topics' tags up first.
        """
        tagged = self.model.topics.through.objects.filter(topic_id__in=list(topic_ids))
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
            pk__in=_model("TaggedEntity")
            .objects.filter(tag=entity)
            .values("content_object_id")
        )

    def mentioning_any(self, entity_ids):
        """Return articles tagged with at least one of ``entity_ids``."""
        return self.filter(
            Exists(
                _model("TaggedEntity").objects.filter(
                    content_object=OuterRef("pk"), tag_id__in=entity_ids
                )
            )
        )

    def mentioning_kind(self, kind):
        """Return articles tagged with at least one entity of ``kind``.

        Each article's few tags are read and their entities checked against
        the set of that kind's ids (``tag_id + 0``: no index on the tag's id
        may be used, or SQLite probes each article once per entity of the
        kind, 14 s for a kind filter at 100k articles)."""
        of_kind = _model_entities().objects.filter(kind=kind).values("pk")
        return self.filter(
            Exists(
                _model("TaggedEntity")
                .objects.filter(content_object=OuterRef("pk"))
                .annotate(tag_key=F("tag_id") + 0)
                .filter(tag_key__in=of_kind)
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
