"""Lists and page-shaped reads for the public site. Every one starts from
``published()``.

A list's pages reach its last article (``paging.ArchivePaginator``); its count
and facets come from ``counting`` over every match. ``Window`` remains for the
co-mentions of an entity, counted over its newest ``WARTA_LIST_WINDOW``
articles.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from articles.freshness import taxonomy
from articles.models import Article, TaggedEntity, Topic
from articles.publiccounts import region_is_frequent, topic_is_frequent
from articles.publiccounts.postings import tag_rows
from articles.site import search
from entities.models import Entity, Region


def public_articles():
    """Return published articles, newest first, each story once (its canonical
    version: ``ArticleQuerySet.listed``)."""
    return Article.objects.listed()


class Window:
    """A list's newest ``WARTA_LIST_WINDOW`` matches (best matches first when
    ``text`` is searched for): their ids, read in one query, and whether more
    matched than the window holds. An entity's co-mentions are counted over
    it; pages and counts are not (``paging``, ``counting``)."""

    def __init__(self, ids, *, truncated=False):
        self.ids = list(ids)
        self.truncated = truncated

    @classmethod
    def of(cls, queryset, *, text: str | None = None) -> "Window":
        limit = settings.WARTA_LIST_WINDOW
        if text:
            found = search.matching_ids(queryset, text, limit + 1)
        else:
            found = newest_ids(queryset, limit + 1)
        return cls(found[:limit], truncated=len(found) > limit)


def newest_ids(queryset, count) -> list[int]:
    """Return the ids of the ``count`` newest articles of ``queryset``: the one
    definition of a list's order (ties broken by id)."""
    return list(
        queryset.order_by("-publish_at", "-pk").values_list("pk", flat=True)[:count]
    )


def listing_rows(ids, *, body=True) -> list[Article]:
    """Return the articles with ``ids``, in that order, with what a list row shows:
    the source and ``listed_tags`` (two queries in all). Without ``body`` the
    text stays in the database (pages of cards need only its stored word count;
    feeds need the text)."""
    ids = list(ids)
    rows = Article.objects.select_related("source")
    if not body:
        rows = rows.defer("body", "body_text")
    by_pk = rows.in_bulk(ids)
    articles = [by_pk[pk] for pk in ids if pk in by_pk]
    attach_tags(articles)
    return articles


@dataclass(frozen=True)
class ListedTags:
    """What a page shows of an article's tags: regions by path, topics and
    entities by name (entities carry name, slug and kind only)."""

    regions: list
    topics: list
    entities: list


def tags_by_article(ids) -> dict[int, ListedTags]:
    """Return the ``ListedTags`` of the articles with ``ids``: one query."""
    ids = list(ids)
    tags = {pk: ListedTags([], [], []) for pk in ids}
    if not ids:
        return tags
    rows = tag_rows(ids)
    tax = taxonomy()
    for section, article_id, pk, name, slug, kind in rows:
        if section == "r" and pk in tax.regions:
            tags[article_id].regions.append(tax.regions[pk])
        elif section == "t" and pk in tax.topics:
            tags[article_id].topics.append(tax.topics[pk])
        elif section == "e":
            tags[article_id].entities.append(
                Entity(pk=pk, name=name, slug=slug, kind=kind)
            )
    for found in tags.values():
        found.regions.sort(key=lambda r: r.path)
        found.topics.sort(key=lambda t: t.name)
        found.entities.sort(key=lambda e: e.name)
    return tags


def attach_tags(articles):
    """Set each article's ``listed_tags`` (what pages, cards, feeds and the
    newsroom's list show), for all of them in one query. ``article.regions``
    and the other managers still read the database: saves and revisions never
    see these."""
    if not articles:
        return
    tags = tags_by_article(article.pk for article in articles)
    for article in articles:
        article.listed_tags = tags[article.pk]


def tags_of(article) -> ListedTags:
    """``article.listed_tags``, read now (one query) if no list attached them."""
    if "listed_tags" not in article.__dict__:
        attach_tags([article])
    return article.listed_tags


def newest(queryset, count) -> list[Article]:
    """Return the ``count`` newest articles of ``queryset`` ready for listing."""
    return listing_rows(newest_ids(queryset, count))


def home_articles(*, featured=4, latest=10) -> tuple[list[Article], list[Article]]:
    """Return the newest featured articles and the newest others (three queries)."""
    featured_ids = newest_ids(public_articles().filter(is_featured=True), featured)
    latest_ids = newest_ids(public_articles(), latest + len(featured_ids))
    latest_ids = [pk for pk in latest_ids if pk not in featured_ids][:latest]
    rows = listing_rows(featured_ids + latest_ids, body=False)
    return rows[: len(featured_ids)], rows[len(featured_ids) :]


def in_region(queryset, region: Region):
    """Return the articles of ``queryset`` tagged with ``region`` or any region
    below it."""
    return queryset.in_regions(
        (r.pk for r in taxonomy().region_subtree(region)),
        frequent=region_is_frequent(region),
    )


def in_topic(queryset, topic: Topic):
    """Return the articles of ``queryset`` on ``topic`` or any of its sub-topics."""
    return queryset.in_topics(
        (t.pk for t in taxonomy().topic_subtree(topic)),
        frequent=topic_is_frequent(topic),
    )


def articles_in_region(*, region: Region):
    """Return published articles tagged with ``region`` or any region below it."""
    return in_region(public_articles(), region)


def articles_by_author(*, author):
    """Return published articles whose byline names ``author`` (a profile,
    ``models.Author``), every version: the writer's own work."""
    return Article.objects.published().filter(byline__iregex=author.byline_pattern())


def articles_in_topic(*, topic: Topic):
    """Return published articles on ``topic`` or any of its sub-topics."""
    return in_topic(public_articles(), topic)


def public_entities():
    """The entities at least one published article carries (the others, named
    only in drafts, have no public page).

    Each entity's own tags are walked, each checked against its article by id,
    and the walk stops at the first public one: about a millisecond per entity
    at 100k articles (comparing the tags with the set of all public articles
    built that set first, some 40 ms on SQLite)."""
    return Entity.objects.filter(
        Exists(
            TaggedEntity.objects.filter(tag=OuterRef("pk")).filter(
                # Any public version: a story's page shows its versions' tags.
                Exists(
                    Article.objects.published().filter(pk=OuterRef("content_object_id"))
                )
            )
        )
    )


def articles_mentioning(*, entity: Entity):
    """Return published articles tagged with ``entity``."""
    return public_articles().mentioning(entity)


def top_level_regions() -> list[Region]:
    """Return the home country's provinces, then the foreign countries."""
    tax = taxonomy()
    code = settings.WARTA_HOME_COUNTRY
    home = tax.region_by_code.get(code)
    provinces = tax.region_children(home) if home else []
    return provinces + [r for r in tax.region_children(None) if r.code != code]
