"""Pairwise precision and recall of "same story", and cluster purity, on the
labelled set in ``tests/data/stories/`` (written and labelled before any
detector existed).

The articles go through the clustering the importer uses (``assign_stories``),
in the order they were published. A *pair* is two articles of one set; it is
"same story" in the labels when both carry the same ``story``, and predicted so
when both land in one cluster. Purity: for each predicted cluster, the number
of its articles from its most common labelled story, summed, over all articles.

Sets: ``dev`` (s01–s20, n01–n10) is what thresholds were tuned on; ``heldout``
(s21–s30, n11–n16) was not looked at while tuning; ``all`` is both.
"""

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

from articles.importing.parsers import parse_text
from articles.stories.index import PARAMS, Params, signature
from articles.stories.memory import assign_stories

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "data" / "stories"
SETS = ("dev", "heldout", "all")


def in_set(story: str, name: str) -> bool:
    number = int(story[1:])
    if name == "all":
        return True
    dev = number <= 20 if story.startswith("s") else number <= 10
    return dev if name == "dev" else not dev


@dataclass
class Labelled:
    file: str
    story: str
    published: str
    text: str
    near: str = ""  # for a hard negative: the story it resembles

    @property
    def date(self) -> date:
        return date.fromisoformat(self.published)


@dataclass
class Result:
    name: str
    articles: int
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    purity: float = 0.0
    clusters: int = 0
    stories: int = 0
    wrong_pairs: list = field(default_factory=list)
    missed_pairs: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load(folder: Path = DEFAULT_SET) -> list[Labelled]:
    """The labelled articles, oldest first (ties by file name)."""
    labels = {}
    for path in sorted(folder.glob("labels-*.json")):
        labels.update(json.loads(path.read_text(encoding="utf-8")))
    items = []
    for name, label in labels.items():
        raw = (folder / name).read_text(encoding="utf-8")
        parsed = parse_text(raw, origin=name)
        items.append(
            Labelled(
                name,
                label["story"],
                label["published"],
                parsed.text,
                label.get("near", ""),
            )
        )
    return sorted(items, key=lambda item: (item.published, item.file))


def score(items: list[Labelled], predicted: dict, name: str) -> Result:
    result = Result(name, len(items))
    for a, b in itertools.combinations(items, 2):
        same = a.story == b.story
        together = predicted[a.file] == predicted[b.file]
        if same and together:
            result.true_positives += 1
        elif together:
            result.false_positives += 1
            result.wrong_pairs.append((a.file, b.file))
        elif same:
            result.false_negatives += 1
            result.missed_pairs.append((a.file, b.file))
    clusters = {}
    for item in items:
        clusters.setdefault(predicted[item.file], []).append(item.story)
    result.clusters = len(clusters)
    result.stories = len({item.story for item in items})
    majority = sum(Counter(s).most_common(1)[0][1] for s in clusters.values())
    result.purity = majority / len(items) if items else 1.0
    return result


def into_the_window(items: list[Labelled]) -> list[Labelled]:
    """The stress variant: every hard negative dated the day after the first
    article of the story it resembles (inside the window, where only the text
    can tell them apart), re-sorted by date."""
    first = {}
    for item in items:
        if item.published < first.get(item.story, "9999"):
            first[item.story] = item.published
    for item in items:
        if item.near and item.near in first:
            day = date.fromisoformat(first[item.near]) + timedelta(days=1)
            item.published = day.isoformat()
    return sorted(items, key=lambda item: (item.published, item.file))


def evaluate(
    name: str = "all",
    params: Params = PARAMS,
    folder: Path = DEFAULT_SET,
    stress: bool = False,
) -> Result:
    """Cluster the articles of set ``name`` (dev, heldout, all) with ``params``
    and score the clusters against the labels (``stress``: hard negatives moved
    into the window, see ``into_the_window``)."""
    items = [item for item in load(folder) if in_set(item.story, name)]
    if stress:
        items = into_the_window(items)
    assigned = assign_stories(
        ((item.file, signature(item.text, params), item.date) for item in items),
        params,
    )
    predicted = {key: story for key, (story, _matched, _match) in assigned.items()}
    return score(items, predicted, name)
