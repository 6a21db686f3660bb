"""The one owner of "how many public articles": the counts every page, feed
and the API show, recounted by the first reader after a write marked them stale
(``recount``), and read through ``selectors``."""

from articles.publiccounts.recount import RecountBusy, refresh
from articles.publiccounts.selectors import (
    all_entity_counts,
    all_region_counts,
    all_topic_counts,
    counts_up_to_date,
    entity_counts,
    entity_ranking,
    region_counts,
    region_is_frequent,
    source_counts,
    topic_counts,
    topic_is_frequent,
    topic_tree,
    total,
)

__all__ = [
    "RecountBusy",
    "all_entity_counts",
    "all_region_counts",
    "all_topic_counts",
    "counts_up_to_date",
    "entity_counts",
    "entity_ranking",
    "refresh",
    "region_counts",
    "region_is_frequent",
    "source_counts",
    "topic_counts",
    "topic_is_frequent",
    "topic_tree",
    "total",
]
