"""The admin's import page as jobs (issue 24, item 2): uploading answers at
once with a redirect to a dry-run job; the job page shows what importing
would do and starts the write job; all or nothing as before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Job
from entities.models import Entity
from tests.importing.test_import import seed

IMPORT = reverse("admin:articles_import")


def upload(*names_and_texts):
    return [
        SimpleUploadedFile(name, text.encode(), content_type="text/plain")
        for name, text in names_and_texts
    ]


def job_page(job):
    return reverse("admin:articles_job_change", args=[job.pk])


@pytest.mark.django_db
class TestImportPage:
    def test_upload_answers_with_a_dry_run_job_then_confirm_starts_the_write(
        self, client, editor
    ):
        client.force_login(editor)
        text = seed("004").read_text()
        answer = client.post(IMPORT, {"files": upload(("004.txt", text))})
        check = Job.objects.get()
        assert answer.status_code == 302
        assert answer["Location"] == job_page(check)
        assert (check.kind, check.state) == ("import_check", Job.State.SUCCEEDED)
        assert check.created_by == editor
        assert check.result["created"] == 1
        assert not Article.objects.exists()  # a dry run writes nothing
        page = client.get(job_page(check)).content.decode()
        assert "Impor artikel ini" in page
        token = check.result["token"]
        assert f'value="{token}"' in page
        done = client.post(IMPORT, {"confirm": "1", "token": token})
        write = Job.objects.get(kind="import_write")
        assert done["Location"] == job_page(write)
        assert write.state == Job.State.SUCCEEDED
        assert write.result["created"] == 1
        article = Article.objects.get()
        assert article.imported_from == "004.txt"
        assert article.suggestions.exists()
        # The staged files are gone; confirming again imports nothing twice.
        again = client.post(IMPORT, {"confirm": "1", "token": token}, follow=True)
        assert Article.objects.count() == 1
        assert Job.objects.filter(kind="import_write").count() == 1
        assert "Berkas itu sudah tidak ada; unggah lagi." in again.content.decode()

    def test_the_dry_run_rows_are_on_the_job_page(self, client, editor):
        client.force_login(editor)
        client.post(IMPORT, {"files": upload(("004.txt", seed("004").read_text()))})
        check = Job.objects.get()
        (row,) = check.result["rows"]
        assert row["origin"] == "004.txt"
        assert row["result"] == "new"
        page = client.get(job_page(check)).content.decode()
        assert row["title"] in page
        assert "<progress" not in page  # finished: no progress bar, no refresh
        assert "data-refresh" not in page

    def test_a_bad_file_fails_the_job_names_it_and_drops_the_upload(
        self, client, editor, settings
    ):
        client.force_login(editor)
        files = upload(("baik.txt", seed("004").read_text()), ("kosong.txt", "  \n"))
        client.post(IMPORT, {"files": files})
        check = Job.objects.get()
        assert check.state == Job.State.FAILED
        (error,) = check.errors
        assert error["file"] == "kosong.txt"
        assert "kosong.txt" in error["message"]
        assert "token" not in check.result
        assert list(settings.WARTA_IMPORT_STAGING_ROOT.iterdir()) == []
        assert "kosong.txt" in client.get(job_page(check)).content.decode()
        assert not Article.objects.exists()

    def test_cancel_discards_the_upload(self, client, editor, settings):
        client.force_login(editor)
        client.post(IMPORT, {"files": upload(("004.txt", seed("004").read_text()))})
        token = Job.objects.get().result["token"]
        assert (settings.WARTA_IMPORT_STAGING_ROOT / token).is_dir()
        client.post(IMPORT, {"cancel": "1", "token": token})
        assert not (settings.WARTA_IMPORT_STAGING_ROOT / token).exists()

    def test_a_forged_token_reads_nothing(self, client, editor):
        client.force_login(editor)
        for token in ("../../etc", "x" * 30 + "/..", ""):
            response = client.post(IMPORT, {"confirm": "1", "token": token})
            assert response.status_code == 302
            assert response["Location"] == IMPORT
        assert not Article.objects.exists()
        assert not Job.objects.exists()

    def test_contributors_may_not_import(self, client, contributor):
        client.force_login(contributor)
        assert client.get(IMPORT).status_code == 403
        assert not Entity.objects.exists()

    def test_an_oversized_file_is_refused_by_name(self, client, editor, monkeypatch):
        from articles.importing.forms import ImportForm

        monkeypatch.setattr(ImportForm, "MAX_BYTES", 100)
        client.force_login(editor)
        page = client.post(IMPORT, {"files": upload(("besar.txt", "x" * 101))})
        assert "besar.txt" in str(page.context["form"].errors["files"])
        assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_refused_record_is_listed_by_file_record_and_field(client, editor):
    """Issue 24, item 5: a 5,000-digit number in a JSON record fails the job
    with an Indonesian message, and the job keeps the place apart."""
    client.force_login(editor)
    body = '[{"title": "Baik", "body": "Isi."}, {"body": "Isi.", "byline": %s}]' % (
        "9" * 5000
    )
    upload = SimpleUploadedFile("angka.json", body.encode())
    assert client.post(IMPORT, {"files": [upload]}).status_code == 302
    job = Job.objects.get()
    assert job.state == Job.State.FAILED
    (error,) = job.errors
    assert (error["file"], error["record"], error["field"]) == (
        "angka.json",
        "2",
        "byline",
    )
    assert "berisi angka (5000 digit)" in error["message"]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_long_dry_run_lists_its_first_rows_and_says_so(client, editor, monkeypatch):
    from articles.jobs import imports

    monkeypatch.setattr(imports, "MAX_ROWS", 1)
    client.force_login(editor)
    text = seed("004").read_text()
    files = upload(("004.txt", text), ("003.txt", seed("003").read_text()))
    client.post(IMPORT, {"files": files})
    job = Job.objects.get()
    assert len(job.result["rows"]) == 1
    assert job.result["created"] + job.result["duplicates"] == 2
    page = client.get(job_page(job)).content.decode()
    assert "Hanya 1 baris pertama yang ditampilkan" in page
