"""Page-shaped reads for the public site. Every one starts from ``published()``."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, prefetch_related_objects

from entities.models import Entity, Region

from .models import Article, Topic


@dataclass(frozen=True)
class Facet:
    """One value of a facet: what to show, the query value, how many articles."""

    label: str
    value: str
    count: int


def public_articles() -> QuerySet[Article]:
    """Return published articles with what a list row shows, in constant queries."""
    return Article.objects.published().for_listing()


def home_articles(*, featured=3, latest=10) -> tuple[list[Article], list[Article]]:
    """Return the newest featured articles and the newest others, their relations
    prefetched together (five queries for both lists)."""
    articles = Article.objects.published().select_related("source")
    featured_rows = list(articles.filter(is_featured=True)[:featured])
    latest_rows = list(articles.exclude(pk__in=[a.pk for a in featured_rows])[:latest])
    prefetch_related_objects(
        featured_rows + latest_rows, "regions", "topics", "entities"
    )
    return featured_rows, latest_rows


def articles_in_region(*, region: Region) -> QuerySet[Article]:
    """Return published articles tagged with ``region`` or any region below it."""
    return public_articles().in_region(region)


def articles_in_topic(*, topic: Topic) -> QuerySet[Article]:
    """Return published articles on ``topic`` or any of its sub-topics."""
    return public_articles().in_topic(topic)


def articles_mentioning(*, entity: Entity) -> QuerySet[Article]:
    """Return published articles tagged with ``entity``."""
    return public_articles().mentioning(entity)


def top_level_regions() -> QuerySet[Region]:
    """Return the home country's provinces, then the foreign countries."""
    home = settings.WARTA_HOME_COUNTRY
    return Region.objects.filter(
        Q(parent__code=home) | (Q(parent__isnull=True) & ~Q(code=home))
    ).order_by(F("parent").asc(nulls_last=True), "name")


def region_counts(*, regions, articles=None) -> list[tuple[Region, int]]:
    """Return ``(region, n)`` for each region with published articles in its subtree.

    One aggregate query, whatever the number of regions: each count is a
    conditional ``COUNT(DISTINCT)`` over the article–region join.
    """
    regions = list(regions)
    if not regions:
        return []
    articles = Article.objects.published() if articles is None else articles
    totals = articles.order_by().aggregate(
        **{
            f"r{region.pk}": Count(
                "pk", distinct=True, filter=Q(regions__path__startswith=region.path)
            )
            for region in regions
        }
    )
    return [(r, totals[f"r{r.pk}"]) for r in regions if totals[f"r{r.pk}"]]


def topic_counts() -> list[tuple[Topic, int]]:
    """Return every topic with its number of published articles (direct tags)."""
    counts = dict(
        Article.objects.published()
        .order_by()
        .values_list("topics")
        .annotate(n=Count("pk", distinct=True))
        .values_list("topics", "n")
    )
    return [(t, counts.get(t.pk, 0)) for t in Topic.objects.all()]


def entity_counts(*, kind=None, limit=30) -> QuerySet[Entity]:
    """Return entities mentioned in published articles, most mentioned first,
    annotated with ``article_count``."""
    entities = (
        Entity.objects.all() if kind is None else Entity.objects.filter(kind=kind)
    )
    return (
        entities.filter(tagged_articles__content_object__in=Article.objects.published())
        .annotate(article_count=Count("tagged_articles", distinct=True))
        .order_by("-article_count", "name")[:limit]
    )


def list_facets(*, articles: QuerySet[Article], region: Region | None) -> dict:
    """Return facet counts over the filtered ``articles``: sub-regions (rolled up),
    topics, sources, entity kinds and the most mentioned entities."""
    rows = articles.order_by()
    regions = region.children.all() if region else top_level_regions()
    kind_labels = dict(Entity.Kind.choices)

    def grouped(*fields):
        return (
            rows.filter(**{f"{fields[0]}__isnull": False})
            .values(*fields)
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", fields[-1])
        )

    return {
        "region": [
            Facet(r.name, r.slug, n)
            for r, n in region_counts(regions=regions, articles=rows)
        ],
        "topic": [
            Facet(row["topics__name"], row["topics__slug"], row["n"])
            for row in grouped("topics__slug", "topics__name")
        ],
        "source": [
            Facet(row["source__name"], row["source__slug"], row["n"])
            for row in grouped("source__slug", "source__name")
        ],
        "kind": [
            Facet(
                kind_labels[row["tagged_entities__tag__kind"]],
                row["tagged_entities__tag__kind"],
                row["n"],
            )
            for row in grouped("tagged_entities__tag__kind")
        ],
        "entity": [
            Facet(
                row["tagged_entities__tag__name"],
                row["tagged_entities__tag__slug"],
                row["n"],
            )
            for row in grouped(
                "tagged_entities__tag__slug", "tagged_entities__tag__name"
            )[:12]
        ],
    }


def related_articles(*, article: Article, limit: int = 5) -> QuerySet[Article]:
    """Return other published articles sharing the most entities with ``article``."""
    return (
        Article.objects.published()
        .filter(tagged_entities__tag__in=article.tagged_entities.values("tag"))
        .exclude(pk=article.pk)
        .annotate(shared=Count("tagged_entities", distinct=True))
        .select_related("source")
        .order_by("-shared", "-publish_at")[:limit]
    )


def co_mentioned_entities(*, entity: Entity, limit: int = 15) -> QuerySet[Entity]:
    """Return the entities most often tagged on the same published articles as
    ``entity``, annotated with ``shared``."""
    articles = articles_mentioning(entity=entity).values("pk")
    return (
        Entity.objects.filter(tagged_articles__content_object__in=articles)
        .exclude(pk=entity.pk)
        .annotate(shared=Count("tagged_articles", distinct=True))
        .order_by("-shared", "name")[:limit]
    )


def entities_by_kind(article: Article) -> list[tuple[str, list[Entity]]]:
    """Group ``article``'s (prefetched) entities by kind, in the kinds' order."""
    groups = {kind: [] for kind in Entity.Kind.values}
    for entity in sorted(article.entities.all(), key=lambda e: e.name):
        groups[entity.kind].append(entity)
    labels = dict(Entity.Kind.choices)
    return [(labels[kind], members) for kind, members in groups.items() if members]
