"""Benchmark: the admin import of 10,000 JSON records, and "suggest again" on
a 40 KB capitalised draft, answer with a queued job (issue 24, "Done when":
≤ 3 s under the settings `make run` uses).

    .venv/bin/python scripts/bench_job_import.py [--records 10000]

It migrates a fresh SQLite database in a temporary folder (the development
settings: the job queue is the ORM broker, no worker runs here, so the job
stays queued), logs an editor in with Django's test client, uploads one JSON
file of ``--records`` distinct records to the import page and reports how long
the answer took (the upload, staging the file, the job row and its queue
message) and that it is a redirect to the job's page. Then it runs the queued
dry-run job in this process and reports how long the job itself took."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10000)
    parser.add_argument("--run-job", action="store_true", help="then run the job")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="warta-bench-jobs-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    os.environ["DJANGO_IMPORT_STAGING_ROOT"] = str(folder / "staging")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from articles.jobs import run_job
    from articles.models import Job

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    editor = User.objects.create_user("redaktur", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    records = [
        {
            "title": f"Pabrik baja ke-{n} di Cilegon mulai berproduksi",
            "body": f"Pabrik baja nomor {n} di Cilegon mulai berproduksi Senin. "
            f"Kapasitasnya {n} ribu ton per tahun, kata Direktur Utama Budi Santoso.",
            "original_url": f"https://contoh.id/baja-{n}",
            "dateline": "CILEGON",
        }
        for n in range(args.records)
    ]
    data = json.dumps(records).encode()
    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile("baja.json", data, content_type="application/json")
    started = time.perf_counter()
    answer = client.post("/admin/articles/article/import/", {"files": [upload]})
    seconds = time.perf_counter() - started
    job = Job.objects.get(kind="import_check")
    print(
        f"{args.records} records ({len(data) / 2**20:.1f} MB): answered "
        f"{answer.status_code} -> {answer['Location']} in {seconds:.2f} s; "
        f"job #{job.pk} {job.kind} {job.state}"
    )
    # "Suggest again" on a 40 KB capitalised press release (issue 24).
    from articles.models import Article

    words = "PEMERINTAH PROVINSI BANTEN RESMIKAN KAWASAN INDUSTRI BARU DI CILEGON "
    draft = Article.objects.create(
        title="SIARAN PERS",
        slug="siaran-pers",
        body="<p>" + (words * (40_000 // len(words))) + "</p>",
        status=Article.Status.DRAFT,
        created_by=editor,
    )
    review = f"/admin/articles/article/{draft.pk}/suggestions/"
    started = time.perf_counter()
    answer = client.post(review, {"suggest_again": "1"})
    seconds = time.perf_counter() - started
    job = Job.objects.get(kind="suggest_again")
    print(
        f"suggest again on {len(draft.body_text) / 1000:.0f} KB of capitals: "
        f"answered {answer.status_code} -> {answer['Location']} in {seconds:.2f} s; "
        f"job #{job.pk} {job.state}"
    )
    job = Job.objects.get(kind="import_check")
    if args.run_job:
        started = time.perf_counter()
        run_job(job.pk)
        job.refresh_from_db()
        print(
            f"the dry-run job itself: {job.state} in "
            f"{time.perf_counter() - started:.1f} s ({job.result.get('created')} new)"
        )


if __name__ == "__main__":
    main()
