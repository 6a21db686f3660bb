"""What "public", "listed" and "tagged with" mean for articles, as querysets."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

from articles.models import workflow


def _model(name):
    # The models defined after this module (content, tags, stories) build on it.
    return apps.get_model("articles", name)


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

    def in_regions(self, region_ids):
        """Return articles tagged with any of ``region_ids`` (a region's subtree,
        see ``Taxonomy.region_subtree``)."""
        return self.filter(
            pk__in=self.model.regions.through.objects.filter(
                region_id__in=list(region_ids)
            ).values("article_id")
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
        """Return articles tagged with at least one entity of ``kind``."""
        return self.filter(
            Exists(
                _model("TaggedEntity").objects.filter(
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
