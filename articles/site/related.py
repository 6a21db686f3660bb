"""What an article page shows beside the article: related articles, the
entities named with an entity, an article's entities by kind, and the other
outlets that reported its story."""

import itertools
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from articles.models import Article, Story, StoryMember, TaggedEntity
from articles.site.listing import attach_tags, newest_ids, public_articles, tags_of
from entities.models import Entity


def related_articles(*, article: Article, limit: int = 5) -> list[Article]:
    """Return other published articles sharing the most entities with ``article``.

    Only entities mentioned in fewer than ``WARTA_FREQUENT_ENTITY`` articles are
    compared (an entity in every other article says little about relatedness),
    which also bounds the work; if ``article`` has no such entity, those sharing
    most among the newest ``limit * 20`` articles that share any. Two queries (the
    candidates, their ranking), more only when drafts take most of the best
    candidates' places or every entity is frequent.
    """
    entity_ids = [entity.pk for entity in tags_of(article).entities]
    if not entity_ids:
        return []
    rare = (
        Entity.objects.filter(pk__in=entity_ids)
        .frequent(settings.WARTA_FREQUENT_ENTITY)
        .filter(is_frequent=False)
        .values("pk")
    )
    others = public_articles().exclude(pk=article.pk)

    def ranked(candidates):
        return (
            candidates.annotate(
                shared=Count(
                    "tagged_entities", filter=Q(tagged_entities__tag_id__in=entity_ids)
                )
            )
            .select_related("source")
            # Only what the list shows: SQLite groups by every selected column.
            .defer("body", "body_text")
            .order_by("-shared", "-publish_at")
        )

    # The articles sharing most distinctive entities, from their tags alone (an
    # index-only read). Asking for public ones in the same query let SQLite walk
    # every public article and PostgreSQL hash them all (docs/postgres-plans.md):
    # instead the best candidates are taken in order, a slice at a time, and the
    # public ones among them ranked by their primary keys. Drafts sharing the
    # entities cannot take the places of published ones: the next slice is read
    # while fewer than ``limit`` were found.
    shared = (
        TaggedEntity.objects.filter(tag_id__in=rare)
        .exclude(content_object_id=article.pk)
        .values("content_object_id")
        .annotate(shared=Count("tag_id"))
        .order_by("-shared", "-content_object_id")
        .values_list("content_object_id", flat=True)
    )
    found: list[Article] = []
    step = limit * 20
    for start in itertools.count(0, step):
        candidates = list(shared[start : start + step])
        if not start and not candidates and not rare.exists():
            # Every entity of the article is frequent: among the newest
            # articles sharing any of them, those sharing most. Ranking every
            # article that shares one (hundreds of thousands at a million
            # articles) ran into the statement timeout on PostgreSQL.
            newest = newest_ids(others.mentioning_any(entity_ids), step)
            return list(ranked(others.filter(pk__in=newest))[:limit])
        found += ranked(others.filter(pk__in=candidates))[: limit - len(found)]
        if len(found) >= limit or len(candidates) < step:
            return found
    raise AssertionError("unreachable")  # pragma: no cover


def co_mentioned_entities(*, entity: Entity, ids, limit: int = 15) -> list[Entity]:
    """Return the entities most often tagged on the articles with ``ids`` (the
    newest of ``entity``'s articles: a list, or a subquery) besides ``entity``,
    annotated with ``shared``."""
    return list(
        Entity.objects.filter(tagged_articles__content_object_id__in=ids)
        .exclude(pk=entity.pk)
        .annotate(shared=Count("tagged_articles"))
        .order_by("-shared", "name")[:limit]
    )


def entities_by_kind(article: Article) -> list[tuple[str, list[Entity]]]:
    """Group ``article``'s listed entities (by name) by kind, in the kinds' order."""
    groups = {kind: [] for kind in Entity.Kind.values}
    for entity in tags_of(article).entities:  # by name
        groups[entity.kind].append(entity)
    labels = dict(Entity.Kind.choices)
    return [(labels[kind], members) for kind, members in groups.items() if members]


@dataclass
class Coverage:
    """What a public article page shows of its story."""

    story: Story | None = None
    others: list = field(default_factory=list)  # the other public versions
    regions: list = field(default_factory=list)  # the union, beyond its own
    entities: list = field(default_factory=list)


def coverage(article) -> Coverage:
    """The other outlets that reported ``article``'s story (their published
    versions, each with its source and original address), and the regions and
    entities its versions carry beyond ``article``'s own accepted tags. Two
    queries; none if the article is in no story (with ``story_member`` selected
    along with the article)."""
    try:
        story_id = article.story_member.story_id
    except StoryMember.DoesNotExist:
        return Coverage()
    others = list(
        Article.objects.published()
        .filter(story_member__story_id=story_id)
        .exclude(pk=article.pk)
        .select_related("source")
        .order_by("publish_at", "pk")
    )
    attach_tags(others)
    own_regions = {r.pk for r in tags_of(article).regions}
    own_entities = {e.pk for e in tags_of(article).entities}
    regions, entities = {}, {}
    for other in others:
        for region in other.listed_tags.regions:
            if region.pk not in own_regions:
                regions.setdefault(region.pk, region)
        for entity in other.listed_tags.entities:
            if entity.pk not in own_entities:
                entities.setdefault(entity.pk, entity)
    return Coverage(
        Story(pk=story_id),
        others,
        sorted(regions.values(), key=lambda r: r.name),
        sorted(entities.values(), key=lambda e: e.name),
    )


# Rebuilding ------------------------------------------------------------------
