"""Same-story pairs on the web corpus's real multi-outlet events
(``tests/data/corpus/stories.json``: 10 events reported by 2–4 outlets each,
and distractors from the same companies or estates), measured through the
importer as the newsroom uses it.

The articles of a split (``dev`` may be tuned on, ``heldout`` only measured)
are written as one JSON file, one record each with its address
(``original_url``; the text as fetched, its first line the headline), and
imported with ``import_articles`` in the corpus's order; the stories the
import built are read back and every pair scored against the labelled events.
Everything happens in a transaction that is rolled back.

``dates`` chooses what the importer knows of each article's day: ``read``
(what it reads off the address and text), ``labelled`` (the labelled date
given in the record, where there is one) or ``none`` (text alone: every
article seen today).
"""

import itertools
import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from articles.evaluation.extraction import WEB_CORPUS
from articles.evaluation.stories import Result
from articles.models import Article
from articles.models.stories import StoryMember

DATES = ("read", "labelled", "none")


class _RollBack(Exception):
    pass


def corpus_records(split: str, corpus: Path = WEB_CORPUS) -> list[dict]:
    """The labelled records of ``split`` whose texts are on this machine."""
    labels = corpus / "stories.json"
    if not labels.exists():
        return []
    return [
        record
        for record in json.loads(labels.read_text("utf-8"))
        if record["split"] == split
        and (corpus / "texts" / f"{record['id']}.txt").exists()
    ]


def _import_record(record: dict, corpus: Path, dates: str) -> dict:
    text = (corpus / "texts" / f"{record['id']}.txt").read_text("utf-8")
    row = {"body": text, "body_format": "text"}
    if dates != "none":
        row["original_url"] = record["url"]
    labelled = (record.get("published") or {}).get("date")
    if dates == "labelled" and labelled:
        row["original_published_on"] = labelled
    return row


def imported_stories(records, corpus: Path = WEB_CORPUS, dates="read") -> dict:
    """Import ``records`` in one batch (rolled back afterwards); return each
    record's story as the import built it (its own id when alone)."""
    rows = [_import_record(record, corpus, dates) for record in records]
    stories = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.json"
        path.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        try:
            with transaction.atomic():
                call_command("import_articles", str(path), stdout=StringIO())
                articles = list(Article.objects.order_by("pk"))
                members = dict(
                    StoryMember.objects.values_list("article_id", "story_id")
                )
                # Articles are created in the batch's order, one per record.
                for record, article in zip(records, articles, strict=True):
                    stories[record["id"]] = members.get(article.pk, record["id"])
                raise _RollBack
        except _RollBack:
            pass
    return stories


def evaluate(split: str = "dev", corpus: Path = WEB_CORPUS, dates="read") -> Result:
    """Pairwise precision and recall of "same story" on ``split``."""
    records = corpus_records(split, corpus)
    predicted = imported_stories(records, corpus, dates)
    result = Result(f"web-{split}", len(records))
    for a, b in itertools.combinations(records, 2):
        same = a["story"] == b["story"]
        together = predicted[a["id"]] == predicted[b["id"]]
        if same and together:
            result.true_positives += 1
        elif together:
            result.false_positives += 1
            result.wrong_pairs.append((a["id"], b["id"]))
        elif same:
            result.false_negatives += 1
            result.missed_pairs.append((a["id"], b["id"]))
    result.stories = len({record["story"] for record in records})
    result.clusters = len(set(predicted.values()))
    return result
