"""The taxonomy memo: regions, topics and sources kept in each process, per stamp."""

from dataclasses import dataclass

from articles.freshness.stamp import current_stamp

_memo: dict = {}


def memoised(name: str, compute):
    """Like ``cached`` but kept in this process (for data read on every request,
    such as the taxonomy, where unpickling would cost more than it saves)."""
    key = current_stamp().key
    entry = _memo.get(name)
    if entry is None or entry[0] != key:
        entry = (key, compute())
        _memo[name] = entry
    return entry[1]


def taxonomy():
    """The regions, topics and sources, loaded once per stamp in this process."""
    return memoised("taxonomy", Taxonomy.load)


@dataclass
class Taxonomy:
    """Every region, topic and source, indexed the ways pages look them up; all
    derived once when loaded."""

    regions: dict
    region_by_slug: dict
    region_by_code: dict
    region_by_path: dict
    region_children_of: dict
    topics: dict
    topic_by_slug: dict
    topic_children_of: dict
    sources: dict
    source_by_slug: dict

    @classmethod
    def load(cls):
        from articles.models import Source, Topic
        from entities.models import Region

        regions = {r.pk: r for r in Region.objects.all()}
        topics = {t.pk: t for t in Topic.objects.select_related("parent")}
        sources = {s.pk: s for s in Source.objects.all()}
        return cls(
            regions=regions,
            region_by_slug={r.slug: r for r in regions.values()},
            region_by_code={r.code: r for r in regions.values()},
            region_by_path={r.path: r for r in regions.values()},
            region_children_of=_children_by_name(regions.values()),
            topics=topics,
            topic_by_slug={t.slug: t for t in topics.values()},
            topic_children_of=_children_by_name(topics.values()),
            sources=sources,
            source_by_slug={s.slug: s for s in sources.values()},
        )

    def region_subtree(self, region) -> list:
        return [r for r in self.regions.values() if r.path.startswith(region.path)]

    def region_children(self, region) -> list:
        """The regions directly below ``region`` (None: the roots), by name."""
        return list(self.region_children_of.get(region.pk if region else None, ()))

    def region_ancestors(self, region) -> list:
        """The regions above ``region``, from the root down."""
        parts = region.path.strip("/").split("/")[:-1]
        paths = ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
        return [self.region_by_path[p] for p in paths if p in self.region_by_path]

    def topic_children(self, topic) -> list:
        return list(self.topic_children_of.get(topic.pk, ()))

    def topic_ancestors(self, topic) -> list:
        """The topics above ``topic``, from the root down."""
        chain, seen = [], {topic.pk}
        parent = self.topics.get(topic.parent_id)
        while parent is not None and parent.pk not in seen:
            chain.insert(0, parent)
            seen.add(parent.pk)
            parent = self.topics.get(parent.parent_id)
        return chain

    def topic_subtree(self, topic) -> list:
        found, frontier = [topic], [topic]
        while frontier:
            frontier = [child for t in frontier for child in self.topic_children(t)]
            found += frontier
        return found


def _children_by_name(objects) -> dict:
    children = {}
    for obj in sorted(objects, key=lambda o: o.name):
        children.setdefault(obj.parent_id, []).append(obj)
    return children
