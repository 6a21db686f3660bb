"""Lists and page-shaped reads for the public site. Every one starts from
``published()``.

Lists are *windows*: the newest ``WARTA_LIST_WINDOW`` matching ids are read in one
query, pages are slices of them, and facets are counted over them, so no list
page costs more than its first page however large the corpus. Counts shown in
navigation are computed once per content stamp and cached.
"""

import itertools
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q

from articles.freshness import cached, taxonomy
from articles.models import Article, TaggedEntity, Topic, sql
from articles.publiccounts import recount as counts
from articles.site import search
from entities.models import Entity, Region


@dataclass(frozen=True)
class Facet:
    """One value of a facet: what to show, the query value, how many articles."""

    label: str
    value: str
    count: int


def public_articles():
    """Return published articles, newest first, each story once (its canonical
    version: ``ArticleQuerySet.listed``)."""
    return Article.objects.listed()


class Window:
    """A list's newest ``WARTA_LIST_WINDOW`` matches (best matches first when
    ``text`` is searched for): their ids, read in one query, and whether more
    matched than the window holds. Pages are slices of it (``paginator``), and
    facets and co-mentions are counted over it."""

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

    def paginator(self, per_page, **kwargs) -> "WindowPaginator":
        return WindowPaginator(self, per_page, **kwargs)

    def facets(self, *, region: Region | None, key: str) -> dict:
        """Facet counts over the window (``list_facets``), kept under ``key``
        (the list's filters) and the content stamp: paging does not count
        them again."""
        return cached(f"facets:{key}", lambda: list_facets(ids=self.ids, region=region))


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
    blank = sql.text("")
    rows = sql.union_all(
        Article.regions.through.objects.filter(article_id__in=ids).values_list(
            sql.text("r"), "article_id", "region_id", blank, blank, blank
        ),
        Article.topics.through.objects.filter(article_id__in=ids).values_list(
            sql.text("t"), "article_id", "topic_id", blank, blank, blank
        ),
        TaggedEntity.objects.filter(content_object_id__in=ids).values_list(
            sql.text("e"),
            "content_object_id",
            "tag_id",
            "tag__name",
            "tag__slug",
            "tag__kind",
        ),
    )
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


class WindowPaginator(Paginator):
    """Pages over a ``Window``; a page's articles are loaded when the page is
    taken. ``window`` is the window; ``truncated`` says it was full."""

    def __init__(self, window: Window, per_page, **kwargs):
        self.window = window
        self.truncated = window.truncated
        super().__init__(window.ids, per_page, **kwargs)

    def page(self, number):
        page = super().page(number)
        page.object_list = listing_rows(page.object_list, body=False)
        return page


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
    return queryset.in_regions(r.pk for r in taxonomy().region_subtree(region))


def in_topic(queryset, topic: Topic):
    """Return the articles of ``queryset`` on ``topic`` or any of its sub-topics."""
    return queryset.in_topics(
        (t.pk for t in taxonomy().topic_subtree(topic)),
        frequent=topic_is_frequent(topic),
    )


def articles_in_region(*, region: Region):
    """Return published articles tagged with ``region`` or any region below it."""
    return in_region(public_articles(), region)


def articles_in_topic(*, topic: Topic):
    """Return published articles on ``topic`` or any of its sub-topics."""
    return in_topic(public_articles(), topic)


def topic_is_frequent(topic: Topic) -> bool:
    """Whether ``topic`` and its sub-topics tag at least ``WARTA_FREQUENT_ENTITY``
    published articles (from the cached counts)."""
    return all_topic_counts().get(topic.pk, 0) >= settings.WARTA_FREQUENT_ENTITY


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


def region_counts(*, regions) -> list[tuple[Region, int]]:
    """Return ``(region, n)`` for each of ``regions`` with published articles in
    its subtree, each article counted once however many of its regions are in
    that subtree. Read from ``all_region_counts``."""
    counts = all_region_counts()
    return [(r, counts[r.pk]) for r in regions if counts.get(r.pk)]


def _counted(name: str, read):
    """``read()`` of the public counts (``articles.publiccounts.recount``), brought up to date
    once per content stamp and then cached under ``name``; while another worker
    recounts, read as they stand and not kept."""

    def compute():
        counts_up_to_date()
        return read()

    try:
        return cached(name, compute)
    except counts.RecountBusy:
        return read()


def _public_counts(kind) -> dict[int, int]:
    """The public counts of ``kind``, up to date (``_counted``)."""
    return _counted(f"public-counts:{kind}", lambda: counts.counts(kind))


def counts_up_to_date() -> None:
    """Recount what writes marked stale: once per content stamp (every write
    that marks a count also moves the stamp). ``counts.RecountBusy`` while
    another worker is recounting."""
    cached("public-counts:refreshed", counts.refresh)


def all_region_counts() -> dict[int, int]:
    """The number of published articles of every region, its sub-regions
    included (each article once)."""
    return _public_counts(counts.REGION)


def all_topic_counts() -> dict[int, int]:
    """The number of published articles of every topic and its sub-topics
    (each article once)."""
    return _public_counts(counts.TOPIC)


def topic_counts() -> list[tuple[Topic, int]]:
    """Every topic with its number of published articles, sub-topics included,
    by name."""
    counts = all_topic_counts()
    topics = sorted(taxonomy().topics.values(), key=lambda t: t.name)
    return [(t, counts.get(t.pk, 0)) for t in topics]


def topic_tree(parent: Topic | None = None) -> list[tuple[Topic, int, list]]:
    """The topics with published articles, as a tree of ``(topic, count,
    children)`` from ``parent`` down (the roots when ``None``), by name; any
    depth."""
    tax, counts = taxonomy(), all_topic_counts()
    children = (
        tax.topic_children(parent)
        if parent
        else [t for t in tax.topics.values() if t.parent_id is None]
    )
    return [
        (topic, counts[topic.pk], topic_tree(topic))
        for topic in sorted(children, key=lambda t: t.name)
        if counts.get(topic.pk)
    ]


def source_counts() -> dict[int, int]:
    """The number of published articles of every source (every outlet's own
    versions, copies of a story included)."""
    return _public_counts(counts.SOURCE)


def entity_counts(*, kind=None, limit=30) -> list[Entity]:
    """Return the entities mentioned in most published articles (of ``kind``),
    annotated with ``article_count``: read from the ranked public counts."""

    top = _counted(
        f"top-entities:{kind}:{limit}",
        lambda: counts.top_entities(limit=limit, group=kind),
    )
    entities = Entity.objects.in_bulk([pk for pk, _n in top])
    result = []
    for pk, n in top:
        if pk in entities:
            entities[pk].article_count = n
            result.append(entities[pk])
    return sorted(result, key=lambda e: (-e.article_count, e.name))


def list_facets(*, ids, region: Region | None) -> dict:
    """Return facet counts over the articles with ``ids`` (a list's window): sub-
    regions (rolled up), topics, sources, entity kinds and the most mentioned
    entities. One query."""
    if not ids:
        return {name: [] for name in ("region", "topic", "source", "kind", "entity")}
    blank, zero = sql.text(""), sql.number(0)
    regions = Article.regions.through.objects.filter(article_id__in=ids).values_list(
        sql.text("r"),
        "article_id",
        "region_id",
        blank,
        blank,
        blank,
        zero,
    )
    topics = (
        Article.topics.through.objects.filter(article_id__in=ids)
        .values_list("topic_id")
        .annotate(n=Count("article_id"))
        .values_list(
            sql.text("t"),
            zero,
            "topic_id",
            blank,
            blank,
            blank,
            "n",
        )
    )
    sources = (
        Article.objects.filter(pk__in=ids, source__isnull=False)
        .order_by()
        .values_list("source_id")
        .annotate(n=Count("pk"))
        .values_list(
            sql.text("s"),
            zero,
            "source_id",
            blank,
            blank,
            blank,
            "n",
        )
    )
    mentions = TaggedEntity.objects.filter(content_object_id__in=ids).order_by()
    entities = (
        mentions.values_list("tag_id")
        .annotate(n=Count("content_object_id"))
        .values_list(
            sql.text("e"),
            zero,
            "tag_id",
            "tag__name",
            "tag__slug",
            "tag__kind",
            "n",
        )
    )
    kinds = (
        mentions.values_list("tag__kind")
        .annotate(n=Count("content_object_id", distinct=True))
        .values_list(
            sql.text("k"),
            zero,
            zero,
            blank,
            blank,
            "tag__kind",
            "n",
        )
    )
    # Only the dozen most mentioned entities are shown: cut them in SQL. (Django
    # cannot put an ordered slice inside a union on SQLite; a subquery can.)
    entities = entities.order_by("-n", "tag__name")[:12]
    rows = sql.union_all(regions, topics, sources, entities, kinds)

    tax = taxonomy()
    facet_regions = tax.region_children(region) if region else top_level_regions()
    by_path = [(r.path, r) for r in facet_regions]
    kind_labels = dict(Entity.Kind.choices)
    region_articles = {}
    topic_rows, source_rows, entity_rows, kind_rows = [], [], [], []
    for section, article_id, pk, name, slug, kind, n in rows:
        if section == "r":
            path = tax.regions[pk].path if pk in tax.regions else ""
            for prefix, facet in by_path:
                if path.startswith(prefix):
                    region_articles.setdefault(facet.pk, set()).add(article_id)
                    break
        elif section == "t" and pk in tax.topics:
            topic = tax.topics[pk]
            topic_rows.append(Facet(topic.name, topic.slug, n))
        elif section == "s" and pk in tax.sources:
            source = tax.sources[pk]
            source_rows.append(Facet(source.name, source.slug, n))
        elif section == "e":
            entity_rows.append(Facet(name, slug, n))
        elif section == "k":
            kind_rows.append(Facet(kind_labels[kind], kind, n))

    def ranked(facets, limit=None):
        return sorted(facets, key=lambda f: (-f.count, f.label))[:limit]

    return {
        "region": [
            Facet(r.name, r.slug, len(region_articles[r.pk]))
            for r in facet_regions
            if r.pk in region_articles
        ],
        "topic": ranked(topic_rows),
        "source": ranked(source_rows),
        "kind": ranked(kind_rows),
        "entity": ranked(entity_rows, 12),
    }


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
    window of ``entity``'s page) besides ``entity``, annotated with ``shared``."""
    return list(
        Entity.objects.filter(tagged_articles__content_object_id__in=list(ids))
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


def all_entity_counts() -> dict[int, int]:
    """Return the number of published articles of every entity that has one
    (so its keys are the public entities)."""
    return _public_counts(counts.ENTITY)
