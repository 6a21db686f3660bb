"""Bulk exports: the command and the API's streamed download, with the list's
filters, read in batches (never everything at once)."""

import csv
import datetime
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.api import export
from articles.api.representations import Links
from articles.freshness import taxonomy
from articles.site import listing
from tests.snapshots import shared

from .conftest import assert_matches_schema, hours_ago
from .test_ninjs import ninjs_problems

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("export_articles", *args, stdout=out)
    return out.getvalue()


def lines(text):
    return [json.loads(line) for line in text.splitlines()]


class TestCommand:
    def test_jsonl_is_the_api_detail_per_line_newest_first(self, newsroom):
        rows = lines(run("--site-url", "https://warta.example"))
        assert [r["id"] for r in rows] == [a.pk for a in newsroom["public"]]
        for row in rows:
            assert_matches_schema(row, "ArticleDetail")
        assert rows[0]["url"].startswith("https://warta.example/artikel/")

    def test_ninjs_lines_are_valid_ninjs(self, newsroom):
        documents = lines(run("--format", "ninjs"))
        assert len(documents) == 5
        for document in documents:
            assert ninjs_problems(document) == []

    def test_csv_has_a_header_and_a_row_per_article(self, newsroom):
        rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
        assert [int(r["id"]) for r in rows] == [a.pk for a in newsroom["public"]]
        first = rows[0]
        assert first["region_codes"] == "36.72"
        assert (
            first["entities"] == "Cilegon; Kementerian Perindustrian; PT Krakatau Steel"
        )
        assert first["source"] == "RubrikBanten"
        assert first["body_text"] == newsroom["public"][0].body_text

    def test_the_lists_filters_apply(self, newsroom):
        public = newsroom["public"]
        assert [
            r["id"]
            for r in lines(run("--region", "banten", "--entity", "helmi-budiman"))
        ] == [
            public[1].pk,
            public[2].pk,
            public[4].pk,
        ]
        assert [r["id"] for r in lines(run("--q", "cilegon"))] == [
            public[0].pk,
            public[4].pk,
        ]

    def test_bad_filters_name_the_option(self, newsroom):
        with pytest.raises(CommandError, match="--region: .*--date-from"):
            run("--region", "tidak-ada", "--date-from", "2025-02-30")
        secret = newsroom["entities"]["secret"].slug
        with pytest.raises(CommandError, match="--entity"):
            run("--entity", secret)

    def test_writes_a_file(self, newsroom, tmp_path):
        target = tmp_path / "ekspor.csv"
        call_command(
            "export_articles",
            "--format",
            "csv",
            "-o",
            str(target),
            stderr=io.StringIO(),
        )
        assert target.read_text(encoding="utf-8").startswith("id,url,title")

    def test_spreadsheet_formulas_are_defused(self, newsroom, make_article):
        make_article('=HYPERLINK("http://x")', publish_at=hours_ago(0))
        rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
        assert rows[0]["title"] == '\'=HYPERLINK("http://x")'


class TestStreaming:
    @pytest.fixture
    def many(self, make_article, make_entity):
        def build():
            entity = make_entity()
            return [
                make_article(entities=[entity], publish_at=hours_ago(n))
                for n in range(1, 36)
            ]

        return shared("api.export.many", build)

    @pytest.mark.parametrize(
        ("kind", "per_batch"), [("jsonl", 3), ("csv", 2), ("ninjs", 2)]
    )
    def test_reads_in_batches_one_at_a_time(self, many, kind, per_batch):
        taxonomy()  # loaded once per content change, not per export
        # Outside a request each use of the taxonomy reads the content stamp
        # (one indexed row) to see whether it changed: at most two per batch.
        per_batch += 2
        chunks = export.chunks(
            listing.public_articles(), kind=kind, links=Links("https://x"), size=10
        )
        if kind == "csv":
            next(chunks)  # the header
        with CaptureQueriesContext(connection) as first:
            next(chunks)
        # One batch read so far, however many articles there are.
        batch_queries = [q["sql"] for q in first.captured_queries]
        assert len(batch_queries) <= per_batch
        assert any("LIMIT 10" in sql for sql in batch_queries)
        with CaptureQueriesContext(connection) as rest:
            remaining = list(chunks)
        assert len(remaining) == 3  # 35 articles: batches of 10, 10, 10, 5
        assert len(rest.captured_queries) <= 3 * per_batch

    def test_batches_follow_the_keyset_without_overlap(self, many):
        seen = []
        for batch, tags in export.article_batches(listing.public_articles(), size=8):
            assert len(batch) <= 8 and set(tags) == {a.pk for a in batch}
            seen += [a.pk for a in batch]
        assert seen == [a.pk for a in many]


class TestDownload:
    def test_streams_a_filtered_list(self, api, newsroom):
        response = api.get("/api/v1/articles/export", {"region": "banten"})
        assert response.status_code == 200
        assert response.streaming
        assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
        assert re.search(
            r'filename="warta-articles-\d{4}-\d\d-\d\d-\d{4}\.jsonl"',
            response["Content-Disposition"],
        )
        assert response["X-Export-Limit"] == "10000"
        rows = lines(b"".join(response.streaming_content).decode())
        assert [r["id"] for r in rows] == api.ids(data={"region": "banten"})
        assert not response.has_header("Link")

    @pytest.mark.parametrize(
        ("kind", "type_"), [("csv", "text/csv"), ("ninjs", "application/x-ndjson")]
    )
    def test_formats(self, api, newsroom, kind, type_):
        response = api.get("/api/v1/articles/export", {"format": kind})
        assert response["Content-Type"].startswith(type_)
        body = b"".join(response.streaming_content).decode()
        if kind == "ninjs":
            assert all(ninjs_problems(d) == [] for d in lines(body))
        else:
            # The byte order mark that tells spreadsheets the file is UTF-8.
            assert body.startswith("\ufeffid,")
            rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
            assert len(rows) == 5

    def test_the_file_is_named_by_its_kind_and_time(self):
        moment = datetime.datetime(2026, 12, 7, 2, 30, tzinfo=datetime.UTC)
        assert export.download_name("csv", now=moment) == (
            "warta-articles-2026-12-07-0930.csv"
        )
        assert export.download_name("ninjs", now=moment) == (
            "warta-articles-ninjs-2026-12-07-0930.jsonl"
        )

    def test_is_bounded_and_continues_with_next(self, api, newsroom, settings):
        settings.WARTA_API_EXPORT_LIMIT = 2
        ids = []
        response = api.get("/api/v1/articles/export")
        while True:
            ids += [
                r["id"] for r in lines(b"".join(response.streaming_content).decode())
            ]
            if not response.has_header("Link"):
                break
            assert response["Link"].endswith('; rel="next"')
            following = response["Link"][1:].split(">;")[0]
            cursor = parse_qs(urlsplit(following).query)["cursor"][0]
            response = api.get("/api/v1/articles/export", {"cursor": cursor})
        assert ids == [a.pk for a in newsroom["public"]]
        assert api.get("/api/v1/articles/export", {"limit": "3"}).status_code == 400

    def test_a_smaller_limit(self, api, newsroom):
        response = api.get("/api/v1/articles/export", {"limit": "2", "format": "csv"})
        rows = list(
            csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
        )
        assert len(rows) == 2
        assert response.has_header("Link")


def test_memory_does_not_grow_with_the_number_of_articles(make_article):
    """Six times the articles, about the same peak: batches are dropped as they
    are written."""
    import tracemalloc

    body = "<p>" + "Kata yang cukup panjang untuk mengisi badan berita. " * 60 + "</p>"
    for n in range(240):
        make_article(body=body, publish_at=hours_ago(n + 1))

    def peak(limit):
        tracemalloc.start()
        written = 0
        for chunk in export.chunks(
            listing.public_articles(),
            kind="jsonl",
            links=Links("https://x"),
            size=20,
            limit=limit,
        ):
            written += len(chunk)
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return traced, written

    peak(40)  # warm: compiled queries, the taxonomy
    small, small_written = peak(40)
    large, large_written = peak(240)
    assert large_written > 5 * small_written
    assert large < 1.5 * small
