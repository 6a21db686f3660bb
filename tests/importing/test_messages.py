"""Issue 25 (Low), the import's words: errors in Indonesian with where the
problem is (not Python's English parser text, not "record 1"), the JSON schema
on the import page, and a dry run that shows the text as it will be stored
and the paragraphs left out. Each test failed before the fix."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.importing import parsers

IMPORT = reverse("admin:articles_import")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"title": "A" "body": "B"}]', "kurang tanda koma (,) (baris 1, kolom 16)"),
        ('{"title": "A",\n "body": }', "seharusnya ada nilai (baris 2, kolom 10)"),
        ('{"title": "A"} x', "masih ada isi setelah JSON seharusnya berakhir"),
    ],
)
def test_invalid_json_is_explained_in_indonesian(text, expected):
    with pytest.raises(parsers.ImportFailed) as refused:
        parsers.parse_json(text, origin="kiriman.json")
    message = str(refused.value)
    assert message.startswith("kiriman.json: bukan JSON yang sah: ")
    assert expected in message
    assert "Expecting" not in message and "delimiter" not in message


def test_records_are_named_in_indonesian():
    text = json.dumps(
        [{"title": "A", "body": "Isi."}, {"title": "B", "body": ["Isi."]}]
    )
    with pytest.raises(parsers.ImportFailed) as refused:
        parsers.parse_json(text, origin="kiriman.json")
    assert str(refused.value) == "kiriman.json, rekaman 2: “body” harus berupa teks"


def test_a_broken_feed_says_where_without_the_parser_s_english():
    feed = b"<?xml version='1.0'?>\n<rss><channel>\n<title>A</titel>"
    with pytest.raises(parsers.ImportFailed) as refused:
        parsers.parse_feed(feed, origin="umpan.xml")
    message = str(refused.value)
    assert message.startswith("umpan.xml: bukan umpan RSS atau Atom")
    assert "baris 3" in message
    assert "mismatched tag" not in message


@pytest.mark.django_db
def test_the_import_page_shows_the_json_schema(client, editor):
    client.force_login(editor)
    html = client.get(IMPORT).content.decode()
    assert "Skema JSON" in html
    assert "original_published_on" in html and "wajib" in html
    assert "README" not in html


@pytest.mark.django_db
def test_the_dry_run_previews_the_text_and_lists_what_was_left_out(client, editor):
    text = (
        "Pabrik Baja Baru Diresmikan di Cilegon\n"
        "CILEGON – Pabrik baja baru diresmikan di Kota Cilegon pada Senin pagi.\n"
        "Baca juga: Harga Baja Naik Lagi\n"
        "Kapasitasnya mencapai dua juta ton per tahun.\n"
    )
    client.force_login(editor)
    # The dry run is a job (run inline in tests); its page shows the rows.
    page = client.post(
        IMPORT,
        {"files": [SimpleUploadedFile("pabrik.txt", text.encode())]},
        follow=True,
    )
    assert page.status_code == 200
    (row,) = page.context["job"].result["rows"]
    assert row["boilerplate"] == ["Baca juga: Harga Baja Naik Lagi"]
    html = page.content.decode()
    assert "Teks seperti yang akan disimpan" in html
    assert "Kapasitasnya mencapai dua juta ton per tahun." in html
    assert "Dibuang sebagai perabot situs atau spam" in html
    assert "Baca juga: Harga Baja Naik Lagi" in html
