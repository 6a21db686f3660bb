"""Inputs that used to answer 500 (red team, issue 24): a number of thousands
of digits in a JSON record, lone surrogates in any text field, and a staging
folder that cannot be written. Each is refused with a message in Indonesian
naming the file, the record and the field, and leaves nothing behind."""

import errno
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.desk.forms import ArticleAdminForm
from articles.importing import parsers, staging
from articles.models import Article
from tests.importing.test_import import seed

IMPORT = reverse("admin:articles_import")
HUGE = "7" * 5000


def write(path, text):
    path.write_bytes(text.encode("utf-8"))
    return path


def refused(*paths) -> str:
    """The message ``import_articles`` stops with (and that nothing was
    written)."""
    with pytest.raises(CommandError) as excinfo:
        call_command("import_articles", *paths)
    assert not Article.objects.exists()
    message = str(excinfo.value)
    message.encode("utf-8")  # printable: no lone surrogate in it
    return message


@pytest.mark.django_db
class TestHugeNumbers:
    @pytest.mark.parametrize("field", ["title", "body", "byline", "dateline"])
    def test_a_5000_digit_number_is_named_by_file_record_and_field(
        self, tmp_path, field
    ):
        records = [{"title": "Baik", "body": "Isi pertama."}, {"body": "Isi kedua."}]
        records[1][field] = "PLACEHOLDER"
        path = write(
            tmp_path / "angka.json", json.dumps(records).replace('"PLACEHOLDER"', HUGE)
        )
        message = refused(path)
        assert f"angka.json, rekaman 2, kolom “{field}”" in message
        assert "berisi angka (5000 digit)" in message

    def test_inside_the_source(self, tmp_path):
        text = json.dumps({"body": "Isi.", "source": {"name": "PLACEHOLDER"}})
        path = write(tmp_path / "sumber.json", text.replace('"PLACEHOLDER"', HUGE))
        assert "sumber.json, rekaman 1, kolom “source.name”" in refused(path)

    def test_a_small_number_is_named_too(self, tmp_path):
        path = write(tmp_path / "kecil.json", '{"body": "Isi.", "credit": 12}')
        assert "kecil.json, rekaman 1, kolom “credit”: berisi angka (2 digit)" in (
            refused(path)
        )


@pytest.mark.django_db
class TestLoneSurrogates:
    @pytest.mark.parametrize(
        "field",
        [
            "title",
            "body",
            "body_format",
            "standfirst",
            "dateline",
            "source",
            "original_url",
            "original_published_on",
            "byline",
            "credit",
            "language",
        ],
    )
    def test_an_escaped_surrogate_in_any_json_field(self, tmp_path, field):
        record = {"title": "Judul", "body": "Isi berita.", field: "PLACEHOLDER"}
        # json.dumps would escape a real surrogate the same way: "\ud800".
        text = json.dumps([record]).replace("PLACEHOLDER", "awal \\ud800 akhir")
        message = refused(write(tmp_path / "pengganti.json", text))
        assert f"pengganti.json, rekaman 1, kolom “{field}”" in message
        assert "tidak dapat disimpan (U+D800)" in message

    def test_in_a_json_html_body(self, tmp_path):
        text = json.dumps({"body": "<p>Isi \udfff.</p>", "body_format": "html"})
        assert "kolom “body”" in refused(write(tmp_path / "html.json", text))

    def test_in_a_field_name_is_shown_as_its_code(self, tmp_path):
        text = '{"body": "Isi.", "war\\ud800na": "x"}'
        assert "warU+D800na" in refused(write(tmp_path / "nama.json", text))

    @pytest.mark.parametrize("reference", ["&#xD800;", "&#56319;", "&#x110000;"])
    def test_a_reference_in_a_feed_entry(self, tmp_path, reference):
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Umpan</title><item><title>Baik</title><description>Isi."
            "</description></item><item><title>Judul</title><description>Isi "
            f"{reference} teks.</description></item></channel></rss>"
        )
        message = refused(write(tmp_path / "umpan.xml", feed))
        assert "umpan.xml, entri 2, kolom “summary”" in message
        assert "tidak dapat disimpan (U+" in message

    def test_bytes_that_would_decode_to_one_are_not_utf8(self, tmp_path):
        path = tmp_path / "pengganti.txt"
        path.write_bytes(b"Judul\n\nIsi " + b"\xed\xa0\x80" + b" teks.")
        assert "bukan teks UTF-8 yang sah" in refused(path)

    def test_a_file_name_that_is_not_utf8(self, tmp_path):
        name = os.fsdecode(b"berita-\xff.json")  # "\udcff" inside
        path = write(tmp_path / name, "{bukan json")
        assert "berita-U+DCFF.json" in refused(path)


@pytest.mark.django_db
class TestAdminForm:
    @pytest.mark.parametrize("field", ["title", "body", "standfirst"])
    def test_a_surrogate_is_a_form_error(self, editor, make_article, field):
        article = make_article()
        form_class = type("Form", (ArticleAdminForm,), {"user": editor})
        data = {
            "title": article.title,
            "slug": article.slug,
            "body": article.body,
            "language": "id",
            "keywords": "",
            "expected_version": article.version,
        }
        data[field] = "Teks \ud800 rusak"
        form = form_class(data, instance=article)
        assert not form.is_valid()
        assert "U+D800" in str(form.errors[field])


class FailingUpload(SimpleUploadedFile):
    """An upload whose second chunk cannot be written (a full disk)."""

    def chunks(self, chunk_size=None):
        yield b"Judul\n\nIsi pertama"
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.django_db
class TestStaging:
    def test_a_folder_that_cannot_be_made_leaves_nothing(self, settings, tmp_path):
        blocker = tmp_path / "bukan-folder"
        blocker.write_text("x")  # even root cannot make a folder inside a file
        settings.WARTA_IMPORT_STAGING_ROOT = blocker / "imports"
        with pytest.raises(parsers.ImportFailed) as excinfo:
            staging.stage([SimpleUploadedFile("berita.txt", b"Isi.")])
        assert "berita.txt: berkas tidak dapat disimpan untuk diimpor" in str(
            excinfo.value
        )
        assert "tidak ada yang diimpor" in str(excinfo.value)
        assert blocker.read_text() == "x"

    def test_a_file_that_fails_halfway_leaves_no_partial_file(self, settings):
        with pytest.raises(parsers.ImportFailed, match="kedua.txt"):
            staging.stage(
                [
                    SimpleUploadedFile("pertama.txt", b"Judul\n\nIsi."),
                    FailingUpload("kedua.txt", b""),
                ]
            )
        root = settings.WARTA_IMPORT_STAGING_ROOT
        assert not any(root.rglob("*.txt"))
        assert list(root.iterdir()) == []

    def test_the_import_page_shows_the_message(self, client, editor, settings):
        blocker = settings.WARTA_IMPORT_STAGING_ROOT.parent / "berkas-biasa"
        blocker.write_text("x")
        settings.WARTA_IMPORT_STAGING_ROOT = blocker / "imports"
        client.force_login(editor)
        upload = SimpleUploadedFile("004.txt", seed("004").read_bytes())
        page = client.post(IMPORT, {"files": [upload]})
        assert page.status_code == 200
        assert (
            "004.txt: berkas tidak dapat disimpan untuk diimpor"
            in (page.context["refused"])
        )
        assert "token" not in page.context
        assert "berkas tidak dapat disimpan" in page.content.decode()
