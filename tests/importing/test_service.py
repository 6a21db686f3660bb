"""Importing in three steps, the write short and all-or-nothing (security
review finding 8: an import of 20,000 records held SQLite's write lock for its
whole duration, blocking every login and save)."""

import json
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from articles.importing import parsers, service
from articles.importing import plan as planning
from articles.models import Article, Suggestion, content_fingerprint
from articles.stories import matching
from entities import extraction
from entities.models import Entity, EntityAlias


def records(n, offset=0):
    return [
        {
            "title": f"Pabrik baru nomor {i}",
            "body": f"CILEGON – Pabrik nomor {i} dibuka oleh Gubernur Banten "
            f"Andra Soni di Kota Cilegon.\n\nKapasitas {i} ribu ton.",
            "source": "Kabar Cilegon",
        }
        for i in range(offset, offset + n)
    ]


@pytest.mark.django_db
def test_extraction_runs_before_the_write_transaction(tmp_path, monkeypatch):
    seen = []
    original = extraction.Extractor.extract

    def spy(self, *args, **kwargs):
        seen.append(connection.in_atomic_block and not connection.savepoint_ids)
        return original(self, *args, **kwargs)

    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records(5)))
    with connection.cursor():
        pass
    monkeypatch.setattr(extraction.Extractor, "extract", spy)
    # Outside pytest's own transaction the import would open the first one.
    planned = service.plan(service.parse_all([path]))
    assert len(seen) == 5
    assert all(item.created for item in planned)
    assert Article.objects.count() == 0  # planning writes nothing


@pytest.mark.django_db
def test_the_write_is_a_few_bulk_statements_whatever_the_batch(tmp_path):
    counts = []
    for n, offset in ((20, 0), (200, 1000)):
        path = tmp_path / f"batch{n}.json"
        path.write_text(json.dumps(records(n, offset)))
        planned = service.plan(service.parse_all([path]))
        with CaptureQueriesContext(connection) as queries:
            service.write(planned)
        counts.append(len(queries))
    assert Article.objects.count() == 220
    assert Suggestion.objects.filter(article__title__startswith="Pabrik").exists()
    # Bulk inserts (SQLite caps the parameters of one statement, so a few dozen
    # rows go per statement): no statement per article, let alone per tag.
    assert counts[1] < 200 / 4


@pytest.mark.django_db
def test_one_bad_record_writes_nothing(tmp_path):
    good, bad = tmp_path / "baik.json", tmp_path / "buruk.json"
    good.write_text(json.dumps(records(3)))
    bad.write_text(json.dumps([{"title": "x" * 300, "body": "Isi."}]))
    with pytest.raises(parsers.ImportFailed, match="buruk.json, rekaman 1"):
        service.import_batch(service.parse_all([good, bad]))
    assert Article.objects.count() == 0


class TestLimits:
    def test_too_large_a_file_is_refused(self, tmp_path, settings):
        settings.WARTA_IMPORT_MAX_BYTES = 1000
        path = tmp_path / "besar.json"
        path.write_text(json.dumps(records(20)))
        with pytest.raises(parsers.ImportFailed, match="besar.json: .* paling besar"):
            parsers.parse_path(path)

    def test_too_many_records_are_refused(self, tmp_path, settings):
        settings.WARTA_IMPORT_MAX_RECORDS = 10
        path = tmp_path / "banyak.json"
        path.write_text(json.dumps(records(11)))
        with pytest.raises(
            parsers.ImportFailed, match="11 rekaman; .* paling banyak 10"
        ):
            parsers.parse_path(path)

    def test_deep_json_is_refused_with_a_message_not_a_recursion_error(self, tmp_path):
        path = tmp_path / "dalam.json"
        path.write_text("[" * 100_000 + "]" * 100_000)
        with pytest.raises(
            parsers.ImportFailed, match="bersarang lebih dari 8 tingkat"
        ):
            parsers.parse_path(path)

    def test_brackets_inside_strings_do_not_count(self, tmp_path):
        path = tmp_path / "kurung.json"
        path.write_text(json.dumps([{"title": "[[[[[[[[[[{{{{", "body": "Isi [[[["}]))
        (article,) = parsers.parse_path(path)
        assert article.title == "[[[[[[[[[[{{{{"

    def test_invalid_utf8_in_a_feed_is_refused(self, tmp_path):
        path = tmp_path / "umpan.xml"
        path.write_bytes(
            b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            b"<title>Umpan</title><item><title>Judul \xff\xfe rusak</title>"
            b"<description>Isi.</description></item></channel></rss>"
        )
        with pytest.raises(
            parsers.ImportFailed, match="umpan.xml: bukan teks UTF-8 yang sah"
        ):
            parsers.parse_path(path)

    def test_a_feed_in_its_declared_encoding_is_read(self, tmp_path):
        path = tmp_path / "latin.xml"
        path.write_bytes(
            b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0">'
            b"<channel><title>Umpan</title><item><title>Caf\xe9 baru</title>"
            b"<description>Isi kabar.</description></item></channel></rss>"
        )
        (article,) = parsers.parse_path(path)
        assert article.title == "Café baru"


def known_entities(n, start=0):
    """``n`` known people and organisations, half of them with an alias."""
    entities = Entity.objects.bulk_create(
        Entity(
            name=f"{'PT Baja' if i % 2 else 'Budi'} Nusantara {i}",
            slug=f"entitas-uji-{i}",
            kind="organisation" if i % 2 else "person",
        )
        for i in range(start, start + n)
    )
    EntityAlias.objects.bulk_create(
        EntityAlias(entity=entity, name=f"BN{i}")
        for i, entity in enumerate(entities)
        if i % 2
    )


SYLLABLES = [c + v for c in "bdgjklmnprst" for v in "aiu"]


def long_records(n, offset):
    """Articles long enough for a text signature, each unlike the others."""
    rng = random.Random(offset)
    return [
        {
            "title": f"Kabar industri nomor {i}",
            "body": "\n\n".join(
                f"CILEGON – Kabar {i}: " * (p == 0)
                + " ".join("".join(rng.choices(SYLLABLES, k=3)) for _ in range(40))
                + "."
                for p in range(4)
            ),
        }
        for i in range(offset, offset + n)
    ]


def planning_queries(tmp_path, n, offset):
    path = tmp_path / f"batch-{n}-{offset}.json"
    path.write_text(json.dumps(long_records(n, offset)))
    parsed = service.parse_all([path])
    with CaptureQueriesContext(connection) as queries:
        planned = service.plan(parsed)
    assert all(item.created and item.signature is not None for item in planned)
    return len(queries)


@pytest.mark.django_db
def test_planning_queries_do_not_grow_with_the_known_entities(tmp_path):
    """Issue 19, item 7: matching reads the known entities once (the index),
    not per article; archived duplicates and band keys are looked up for the
    whole batch and the check constraints asked once: a text the archive
    holds nothing like costs no query of its own."""
    known_entities(10)
    few = planning_queries(tmp_path, 20, 0)
    known_entities(400, start=10)
    many = planning_queries(tmp_path, 20, 100)
    assert many == few
    more = planning_queries(tmp_path, 40, 200)
    # Twenty more articles: at most a query more per ``KEYS_CHUNK`` of their
    # band keys (none of which the archive holds), none per article.
    assert more - few <= 20 * 64 // matching.KEYS_CHUNK + 1


@pytest.mark.django_db
def test_duplicates_are_the_archived_articles_first_would_find(tmp_path):
    older = Article.objects.create(
        title="Lama", slug="lama", body="<p>Teks lama.</p>", original_url="https://a/1"
    )
    newer = Article.objects.create(
        title="Baru", slug="baru", body="<p>Teks baru.</p>", original_url="https://a/2"
    )
    parsed = [
        parsers.parse_text("Teks lama.", origin="1"),
        parsers.parse_text("Teks lain sama sekali.", origin="2"),
        parsers.parse_text("Teks baru.", origin="3"),
        parsers.parse_text("Teks yang lain lagi.", origin="4"),
    ]
    parsed[1].original_url = "https://a/2"
    parsed[2].original_url = "https://a/1"  # the text of one, the URL of the other
    expected = [
        Article.objects.filter(
            Q(content_hash=content_fingerprint(p.text))
            | (Q(original_url=p.original_url) if p.original_url else Q(pk=None))
        ).first()
        for p in parsed
    ]
    assert expected == [older, newer, newer, None]
    with CaptureQueriesContext(connection) as queries:
        assert planning.find_duplicates(parsed) == expected
    assert len(queries) == 1


@pytest.mark.django_db
def test_check_constraints_are_asked_once_and_say_what_full_clean_says():
    def article(n, **fields):
        return Article(title=f"Judul {n}", body="<p>Isi.</p>", **fields)

    published = {"featured_image": "gambar/pabrik.jpg", "featured_image_alt": ""}
    with pytest.raises(ValidationError) as expected:
        article(0, **published).full_clean(exclude=["slug"], validate_unique=False)
    verdicts = {}
    with CaptureQueriesContext(connection) as queries:
        for n in range(5):
            with pytest.raises(ValidationError) as raised:
                planning._full_clean(article(n, **published), verdicts)
            assert raised.value.message_dict == expected.value.message_dict
            planning._full_clean(article(n), verdicts)
    # Two constraints, two combinations of the values they read.
    checks = [q for q in queries.captured_queries if '"_check"' in q["sql"]]
    assert len(checks) == 4
    with pytest.raises(ValidationError) as expected:
        article(9, status="nonsense").full_clean(
            exclude=["slug"], validate_unique=False
        )
    with pytest.raises(ValidationError) as raised:
        planning._full_clean(article(9, status="nonsense"), verdicts)
    assert raised.value.message_dict == expected.value.message_dict
