"""Every extracted fact (accepted or pending; with ``rejected``, those too) as
JSON Lines or CSV rows, with the article's file name and address, so that the
facts can be scored against labels or used as data."""

import csv
import io
import json

from articles.models.facts import Fact
from entities.extraction.facts import as_json

FORMATS = ("jsonl", "csv")
COLUMNS = (
    "article",
    "imported_from",
    "original_url",
    "kind",
    "value",
    "unit",
    "currency",
    "company",
    "region",
    "status",
    "review",
    "surface",
    "evidence",
)


def public_facts():
    """The facts the public may read: accepted, of public articles."""
    return Fact.objects.public()


def rows(*, rejected=False, facts=None, batch=1000):
    """One dict per fact (of ``facts``; by default every fact but the rejected
    ones, or all with ``rejected``), in article order, read in batches."""
    if facts is None:
        facts = Fact.objects.all()
        if not rejected:
            facts = facts.exclude(review=Fact.Review.REJECTED)
    facts = facts.select_related("article", "region").order_by("article_id", "pk")
    for fact in facts.iterator(chunk_size=batch):
        yield {
            "article": fact.article_id,
            "imported_from": fact.article.imported_from,
            "original_url": fact.article.original_url,
            "kind": fact.kind,
            "value": as_json(fact.value),
            "unit": fact.unit,
            "currency": fact.currency,
            "company": fact.company,
            "region": fact.region.code if fact.region else "",
            "status": fact.status,
            "review": fact.review,
            "surface": fact.surface,
            "evidence": fact.evidence,
        }


def lines(kind: str, *, rejected=False, facts=None):
    """The export as text, line by line (``kind``: one of ``FORMATS``)."""
    if kind == "jsonl":
        for row in rows(rejected=rejected, facts=facts):
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows(rejected=rejected, facts=facts):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
