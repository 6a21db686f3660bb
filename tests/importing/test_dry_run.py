"""Red team round two (issue 32, Low): the import dry run accepted records that
the confirm step then refused. The dry run now checks what writing checks.
Each test failed before the fix."""

import json

import pytest

from articles.importing import service
from articles.importing.parsers import ImportFailed
from articles.models import Article, Source

pytestmark = [pytest.mark.django_db, pytest.mark.security]


def parsed(tmp_path, rows):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    return service.parse_all([path])


def record(n, source):
    return {
        "title": f"Pabrik semen nomor {n} diresmikan",
        "body": f"SERANG – Pabrik semen nomor {n} diresmikan di Kabupaten Serang."
        f"\n\nKapasitasnya {n} juta ton per tahun.",
        "source": source,
    }


def test_an_outlet_address_that_is_none_is_refused_by_the_dry_run_too(tmp_path, editor):
    rows = [record(1, {"name": "Warta Serang", "homepage": "bukan alamat web"})]
    with pytest.raises(ImportFailed) as refused:
        service.import_batch(parsed(tmp_path, rows), by=editor, dry_run=True)
    assert "Warta Serang" in str(refused.value)
    with pytest.raises(ImportFailed):
        service.import_batch(parsed(tmp_path, rows), by=editor)
    assert not Source.objects.filter(name="Warta Serang").exists()


def test_two_spellings_of_one_new_outlet_import_as_one_source(tmp_path, editor):
    rows = [record(1, "Kabar-Industri Baru"), record(2, "Kabar Industri Baru")]
    dry = service.import_batch(parsed(tmp_path, rows), by=editor, dry_run=True)
    assert len(dry.created) == 2
    service.import_batch(parsed(tmp_path, rows), by=editor)
    (source,) = Source.objects.filter(slug="kabar-industri-baru")
    assert Article.objects.filter(source=source).count() == 2


def test_a_contributor_dry_run_is_refused_as_the_import_is(tmp_path, contributor):
    rows = [record(1, "Warta Banten")]
    with pytest.raises(ImportFailed):
        service.import_batch(parsed(tmp_path, rows), by=contributor, dry_run=True)
