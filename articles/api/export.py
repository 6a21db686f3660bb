"""Bulk exports of a filtered list: JSON Lines (the API's article detail per
line), CSV (one row per article, tags joined with "; ") or ninjs (one ninjs
2.1 document per line).

Articles are read in keyset batches (``pagination.batches``): three queries per
batch of ``BATCH`` articles (the rows, their tags, their entities' aliases)
and nothing kept between batches, so memory stays the same for a hundred or a
hundred thousand articles. Used by ``manage.py export_articles`` and, bounded,
by the API's streamed download.
"""

import csv
import io
import itertools
import json

from django.http import StreamingHttpResponse
from django.utils import timezone

from articles.api import downloads
from articles.api import representations as rep
from articles.api.ninjs import article_ninjs
from articles.api.pagination import Cursor, after, batches
from articles.freshness import taxonomy
from articles.models import richtext
from articles.site import listing
from entities.models import Entity

BATCH = 500
FORMATS = ("jsonl", "csv", "ninjs")
CONTENT_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "ninjs": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "standfirst",
    "published_at",
    "updated_at",
    "original_published_on",
    "original_url",
    "language",
    "dateline",
    "byline",
    "credit",
    "source",
    "source_slug",
    "region_codes",
    "regions",
    "topics",
    "topic_iptc_codes",
    "entities",
    "entity_kinds",
    "word_count",
    "body_text",
)
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def full_entities(tags) -> dict[int, list[dict]]:
    """The entities in ``tags`` (``listing.tags_by_article``) with aliases,
    description and region, by article id: one query."""
    ids = {e.pk for found in tags.values() for e in found.entities}
    if not ids:
        return {pk: [] for pk in tags}
    regions = taxonomy().regions
    by_pk = {
        e.pk: rep.entity_full(e, regions=regions)
        for e in Entity.objects.filter(pk__in=ids).with_alias_names()
    }
    return {
        pk: [by_pk[e.pk] for e in found.entities if e.pk in by_pk]
        for pk, found in tags.items()
    }


def boundary(articles, *, cursor: Cursor | None, limit: int) -> Cursor | None:
    """Where an export of ``limit`` articles from ``cursor`` stops when more
    follow (the position of its last article), else ``None``: one query."""
    ordered = (
        articles.order_by("-publish_at", "-pk")
        if cursor is None
        else after(articles, cursor)
    )
    rows = list(ordered.values_list("publish_at", "pk")[limit - 1 : limit + 1])
    if len(rows) < 2:
        return None
    return Cursor(*rows[0])


def article_batches(articles, *, cursor=None, limit=None, size=BATCH):
    """Yield ``(articles, tags)`` in batches, newest first."""
    rows = articles.select_related("source")
    for batch in batches(rows, size=size, cursor=cursor, limit=limit):
        yield batch, listing.tags_by_article(a.pk for a in batch)


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(article, tags, links) -> list[str]:
    regions, topics, entities = tags.regions, tags.topics, tags.entities
    summary = rep.article_summary(article, tags, links)
    values = [
        article.pk,
        summary["url"],
        article.title,
        article.standfirst,
        summary["published_at"],
        summary["updated_at"],
        summary["original_published_on"],
        article.original_url,
        article.language,
        article.dateline,
        article.byline,
        article.credit,
        article.source.name if article.source else "",
        article.source.slug if article.source else "",
        "; ".join(r.code for r in regions),
        "; ".join(r.name for r in regions),
        "; ".join(t.name for t in topics),
        "; ".join(t.iptc_code for t in topics if t.iptc_code),
        "; ".join(e.name for e in entities),
        "; ".join(e.kind for e in entities),
        len(richtext.WORD.findall(article.body_text)),
        article.body_text,
    ]
    return [csv_cell(v) for v in values]


def chunks(articles, *, kind, links, cursor=None, limit=None, size=BATCH):
    """Yield the export of ``articles`` as text, one chunk per batch (the CSV
    header first)."""
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        yield buffer.getvalue()
    for batch, tags in article_batches(articles, cursor=cursor, limit=limit, size=size):
        if kind == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerows(csv_row(a, tags[a.pk], links) for a in batch)
            yield buffer.getvalue()
            continue
        if kind == "ninjs":
            documents = (article_ninjs(a, tags[a.pk], links) for a in batch)
        else:
            entities = full_entities(tags)
            documents = (
                rep.article_detail(a, tags[a.pk], links, entities=entities[a.pk])
                for a in batch
            )
        yield "".join(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
            for document in documents
        )


# Spreadsheets (Excel above all) read a CSV file as UTF-8 only when it starts
# with the byte order mark; without it "“baja”" becomes "â€œbajaâ€".
BOM = "\ufeff"


def download_name(kind, *, now=None) -> str:
    """The file name of a download: what it holds and when it was made
    ("warta-articles-2026-12-07-0930.csv"), so downloads do not overwrite
    each other."""
    stamp = timezone.localtime(now).strftime("%Y-%m-%d-%H%M")
    extension = "csv" if kind == "csv" else "jsonl"
    name = "warta-articles" + ("-ninjs" if kind == "ninjs" else "")
    return f"{name}-{stamp}.{extension}"


def streaming_response(articles, *, kind, links, cursor, limit, slot="", sock=None):
    """The download as a streamed response, bounded by ``downloads.bounded``
    (its time limit and piece size; ``slot`` is freed when it ends)."""
    body = chunks(articles, kind=kind, links=links, cursor=cursor, limit=limit)
    if kind == "csv":
        body = itertools.chain([BOM], body)
    response = StreamingHttpResponse(
        downloads.bounded(body, slot=slot, sock=sock),
        content_type=CONTENT_TYPES[kind],
    )
    response["Content-Disposition"] = f'attachment; filename="{download_name(kind)}"'
    return response
