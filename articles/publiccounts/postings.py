"""Postings: for every region, topic, source, entity and entity kind, the set
of listed articles it tags, as compressed bitmaps (pyroaring), kept in each
process and brought up to date by replaying what changed.

A list's facets count, for each value, the articles of the list that the value
tags: with postings that is the size of the intersection of two bitmaps, a few
microseconds whatever the number of matches, where counting the tags of every
match in the database took seconds at 100,000 articles (docs/performance.md,
"Facets from postings"). A combination of filters is the intersection of their
postings.

Kept up to date without recounting after a publish:

- every write that changes what the public sees logs the articles (or
  entities) it touched in ``PostingChange`` with the content version, under
  the stamp row's lock (``freshness.changes.log_postings``), so the stamp
  cannot pass that version before the rows commit;
- a process whose postings are older than the request's stamp reads the log
  between the two versions (one query), reads those articles' current tags
  (two queries) and patches its bitmaps; a scheduled article that went live
  (no write) is caught up from the stamp's newest publish time;
- a change of the vocabulary's shape (a region or topic moved) or a load logs
  "everything": the postings are built again (seconds at 100k articles).

With a shared cache (Redis) the built postings are kept there too, so a new
worker loads them instead of building them again.
"""

import json
import threading

from django.conf import settings
from django.core.cache import cache
from django.db.models import Aggregate, TextField
from pyroaring import BitMap

from articles.freshness import current_stamp, taxonomy

SHARED_KEY = "warta:postings"


class _Ids(Aggregate):
    """The grouped rows' values as one array (PostgreSQL) or JSON text
    (SQLite): a bitmap is made of them in C, not row by row in Python."""

    function = "array_agg"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, function="json_group_array", **extra
        )


def _bitmap(value) -> BitMap:
    return BitMap(json.loads(value) if isinstance(value, str) else value)


def _grouped(queryset, key: str, value: str) -> dict[int, BitMap]:
    """``{key: bitmap of value}`` over the rows of ``queryset``, one query."""
    rows = queryset.order_by().values(key).annotate(ids=_Ids(value))
    return {row[key]: _bitmap(row["ids"]) for row in rows if row[key] is not None}


def _union(bitmaps) -> BitMap:
    bitmaps = list(bitmaps)
    return BitMap.union(*bitmaps) if bitmaps else BitMap()


def tag_rows(ids):
    """The region, topic and entity tags of the articles ``ids`` (anything an
    ``__in`` lookup takes) as one query's rows: ``(section, article_id,
    tag_id, name, slug, kind)``, the section "r", "t" or "e" and the last
    three blank but for entities."""
    from articles.models import Article, TaggedEntity, sql

    blank = sql.text("")
    return sql.union_all(
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


class Postings:
    """The bitmaps of listed articles per tag, valid for content ``version``
    and the articles public up to ``live_until``."""

    def __init__(self, *, version, live_until):
        self.version = version
        self.live_until = live_until
        self.listed = BitMap()
        self.region: dict[int, BitMap] = {}
        self.topic: dict[int, BitMap] = {}
        self.source: dict[int, BitMap] = {}
        self.entity: dict[int, BitMap] = {}
        # Entity id -> (name, slug, kind): what an entity facet shows.
        self.entity_info: dict[int, tuple[str, str, str]] = {}
        self._derived: dict = {}
        # Log rows of ``version`` already applied (more may commit at it).
        self.applied: set[int] = set()

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_derived"] = {}
        return state

    # Building and catching up --------------------------------------------------

    def is_current(self, stamp) -> bool:
        latest, until = stamp.latest_publish, self.live_until
        return self.version == stamp.version and (
            latest is None or (until is not None and latest <= until)
        )

    def caught_up(self, stamp) -> "Postings":
        """These postings brought up to ``stamp`` (themselves, patched), or
        built again when the log says everything changed."""
        from articles.freshness.changes import with_story_members
        from articles.models import Article, PostingChange

        if stamp.version < self.version:  # the database was replaced
            return build(stamp)
        # From this version on, inclusive: a change logged at it may have
        # committed after these postings read it (``log_postings``); the rows
        # of it already applied are skipped.
        read = list(
            PostingChange.objects.filter(
                version__gte=self.version, version__lte=stamp.version
            ).values_list("pk", "version", "kind", "object_id")
        )
        changes = [
            (kind, pk)
            for row, _version, kind, pk in read
            if (row not in self.applied or _version != self.version)
        ]
        self.applied = {row for row, version, *_ in read if version == stamp.version}
        if any(kind == PostingChange.EVERYTHING for kind, _pk in changes):
            return build(stamp)
        articles = {pk for kind, pk in changes if kind == PostingChange.ARTICLE}
        entities = {pk for kind, pk in changes if kind == PostingChange.ENTITY}
        latest = stamp.latest_publish
        if latest is not None and (self.live_until is None or latest > self.live_until):
            # Scheduled articles that went live with no write (and the other
            # versions of their stories, which may leave the lists).
            gone_live = Article.objects.published().filter(publish_at__lte=latest)
            if self.live_until is not None:
                gone_live = gone_live.filter(publish_at__gt=self.live_until)
            articles |= with_story_members(gone_live.values_list("pk", flat=True))
            self.live_until = latest
        if articles:
            self._replay_articles(articles)
        if entities:
            self._replay_entities(entities)
        self.version = stamp.version
        self._derived.clear()
        return self

    def _replay_articles(self, ids) -> None:
        """Take ``ids`` out of every posting and put them back where their
        current tags say (two queries)."""
        from articles.models import Article, sql

        changed = BitMap(ids)
        listed_now = dict(
            Article.objects.listed()
            .filter(pk__in=sql.id_list(changed))
            .values_list("pk", "source_id")
        )
        for group in (self.region, self.topic, self.source, self.entity):
            for bitmap in group.values():
                bitmap.difference_update(changed)
        self.listed.difference_update(changed)
        self.listed.update(listed_now)
        for pk, source_id in listed_now.items():
            if source_id is not None:
                self.source.setdefault(source_id, BitMap()).add(pk)
        groups = {"r": self.region, "t": self.topic, "e": self.entity}
        for section, pk, key, name, slug, kind in tag_rows(sql.id_list(listed_now)):
            groups[section].setdefault(key, BitMap()).add(pk)
            if section == "e":
                self.entity_info[key] = (name, slug, kind)

    def _replay_entities(self, ids) -> None:
        """Read again the postings and names of the entities ``ids`` (renamed,
        kind changed, merged, deleted): two queries."""
        from articles.models import TaggedEntity
        from entities.models import Entity

        ids = list(ids)
        for pk in ids:
            self.entity.pop(pk, None)
            self.entity_info.pop(pk, None)
        tagged = _grouped(
            TaggedEntity.objects.filter(tag_id__in=ids), "tag_id", "content_object_id"
        )
        self.entity.update(_kept(tagged, self.listed))
        self.entity_info.update(
            (pk, (name, slug, kind))
            for pk, name, slug, kind in Entity.objects.filter(pk__in=ids).values_list(
                "pk", "name", "slug", "kind"
            )
        )

    # Reading -------------------------------------------------------------------

    def _memo(self, key, compute):
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    def in_region(self, region) -> BitMap:
        """Listed articles of ``region`` or any region below it."""
        return self._memo(
            ("r", region.pk),
            lambda: _union(
                self.region[r.pk]
                for r in taxonomy().region_subtree(region)
                if r.pk in self.region
            ),
        )

    def in_topic(self, topic) -> BitMap:
        """Listed articles on ``topic`` or any of its sub-topics."""
        return self._memo(
            ("t", topic.pk),
            lambda: _union(
                self.topic[t.pk]
                for t in taxonomy().topic_subtree(topic)
                if t.pk in self.topic
            ),
        )

    def kinds(self) -> dict[str, BitMap]:
        """Listed articles mentioning at least one entity of each kind."""

        def compute():
            by_kind: dict[str, list] = {}
            for pk, bitmap in self.entity.items():
                info = self.entity_info.get(pk)
                if info:
                    by_kind.setdefault(info[2], []).append(bitmap)
            return {kind: _union(bitmaps) for kind, bitmaps in by_kind.items()}

        return self._memo("kinds", compute)

    def entities_by_size(self) -> list[tuple[int, BitMap]]:
        """``(entity id, postings)``, most mentioned first."""
        return self._memo(
            "entity-order",
            lambda: sorted(self.entity.items(), key=lambda item: -len(item[1])),
        )

    def matching(
        self, *, region=None, topic=None, entities=(), kind=None, source=None
    ) -> BitMap:
        """The listed articles that every given filter lets through."""
        sets = []
        if region is not None:
            sets.append(self.in_region(region))
        if topic is not None:
            sets.append(self.in_topic(topic))
        sets += [self.entity.get(entity.pk, BitMap()) for entity in entities]
        if kind:
            sets.append(self.kinds().get(kind, BitMap()))
        if source is not None:
            sets.append(self.source.get(source.pk, BitMap()))
        if not sets:
            return self.listed
        if len(sets) == 1:
            return sets[0]
        return BitMap.intersection(*sets)

    def top_entities(self, matches: BitMap, limit: int) -> list[tuple[int, int]]:
        """``(entity id, n)`` of the ``limit`` entities tagging most of
        ``matches`` (ties by name). Entities are tried most mentioned first,
        and the search stops at the first whose postings are fewer than the
        last kept count: none after it could reach it."""
        top: list[tuple[int, str, int]] = []
        for pk, bitmap in self.entities_by_size():
            if len(top) >= limit and len(bitmap) < -top[-1][0]:
                break
            n = matches.intersection_cardinality(bitmap)
            if n:
                name = self.entity_info.get(pk, ("", "", ""))[0]
                top.append((-n, name, pk))
                top.sort()
                del top[limit:]
        return [(pk, -n) for n, _name, pk in top]


def build(stamp) -> Postings:
    """Every posting, read from the database in one query (and the log's
    rows at the stamp's version in another)."""
    from articles.models import Article, PostingChange, TaggedEntity, sql

    postings = Postings(version=stamp.version, live_until=stamp.latest_publish)
    # The log's rows at this version first, then the tags: a row read here
    # is in what the tags say.
    postings.applied = set(
        PostingChange.objects.filter(version=stamp.version).values_list("pk", flat=True)
    )
    blank = sql.text("")
    rows = sql.union_all(
        Article.objects.listed()
        .order_by()
        .values("source_id")
        .annotate(ids=_Ids("pk"))
        .values_list(sql.text("s"), "source_id", "ids", blank, blank, blank),
        *(
            through.objects.order_by()
            .values(column)
            .annotate(ids=_Ids("article_id"))
            .values_list(sql.text(section), column, "ids", blank, blank, blank)
            for section, through, column in (
                ("r", Article.regions.through, "region_id"),
                ("t", Article.topics.through, "topic_id"),
            )
        ),
        TaggedEntity.objects.order_by()
        .values("tag_id", "tag__name", "tag__slug", "tag__kind")
        .annotate(ids=_Ids("content_object_id"))
        .values_list(
            sql.text("e"), "tag_id", "ids", "tag__name", "tag__slug", "tag__kind"
        ),
    )
    groups = {"r": {}, "t": {}, "e": {}}
    for section, pk, ids, name, slug, kind in rows:
        bitmap = _bitmap(ids)
        if section == "s":
            postings.listed |= bitmap
            if pk is not None:
                postings.source[pk] = bitmap
        else:
            groups[section][pk] = bitmap
            if section == "e":
                postings.entity_info[pk] = (name, slug, kind)
    keep = postings.listed
    postings.region = _kept(groups["r"], keep)
    postings.topic = _kept(groups["t"], keep)
    postings.entity = _kept(groups["e"], keep)
    return postings


def _kept(groups, keep) -> dict[int, BitMap]:
    kept = {pk: bitmap & keep for pk, bitmap in groups.items()}
    return {pk: bitmap for pk, bitmap in kept.items() if bitmap}


_lock = threading.Lock()
_state: list = []  # [Postings] once built in this process


def _shared() -> bool:
    """Whether the cache is shared between processes (not local memory)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return "locmem" not in backend.lower() and "dummy" not in backend.lower()


def current() -> Postings:
    """This process's postings, up to date with the request's content stamp:
    no query when nothing changed; the log's and the changed articles' (three)
    after a change; loaded from the shared cache or built (one query) on first
    use."""
    stamp = current_stamp()
    with _lock:
        postings = _state[0] if _state else None
        if postings is None and _shared():
            postings = cache.get(SHARED_KEY)
            if postings is not None and postings.version > stamp.version:
                postings = None
        if postings is None:
            postings = build(stamp)
            if _shared():
                cache.set(SHARED_KEY, postings, None)
        if not postings.is_current(stamp):
            rebuilt = postings.caught_up(stamp)
            if rebuilt is not postings and _shared():
                cache.set(SHARED_KEY, rebuilt, None)
            postings = rebuilt
        _state[:] = [postings]
        return postings


def forget() -> None:
    """Drop this process's postings (tests that empty the database)."""
    with _lock:
        _state.clear()
