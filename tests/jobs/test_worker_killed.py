"""A worker killed mid-import (issue 24, item 2): a real django-q2 cluster on a
file database is SIGKILLed while the import's write transaction is open; no
article is left, and when a cluster runs again the queue hands the job out
again and it imports the whole batch, once."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECORDS = [
    {
        "title": f"Pabrik baja ke-{number} di Cilegon mulai berproduksi",
        "body": f"Pabrik baja nomor {number} di Cilegon mulai berproduksi Senin. "
        f"Kapasitasnya {number} ribu ton per tahun.",
        "original_url": f"https://contoh.id/baja-{number}",
    }
    for number in range(1, 4)
]
START = """
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from articles import jobs
from articles.importing import staging
editor = User.objects.create_user("redaktur", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
upload = SimpleUploadedFile("baja.json", open({path!r}, "rb").read())
token, _paths = staging.stage([upload])
print(jobs.job_start(kind="import_write", by=editor, token=token).pk)
"""


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def query(db, sql):
    with sqlite3.connect(db, timeout=20) as connection:
        return connection.execute(sql).fetchall()


@pytest.mark.slow
def test_a_worker_killed_mid_import_leaves_no_article_and_the_retry_imports_all(
    tmp_path,
):
    db, marker = tmp_path / "db.sqlite3", tmp_path / "in-write"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.jobs.worker_settings",
        "DATABASE_URL": f"sqlite:///{db}",
        "WARTA_KILL_MARKER": str(marker),
        "DJANGO_IMPORT_STAGING_ROOT": str(tmp_path / "staging"),
        "PYTHONPATH": str(ROOT),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    (tmp_path / "baja.json").write_text(json.dumps(RECORDS))
    started = subprocess.run(
        [*manage, "shell", "-c", START.format(path=str(tmp_path / "baja.json"))],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    job_id = int(started.stdout.strip().splitlines()[-1])

    def cluster():
        return subprocess.Popen(
            [*manage, "qcluster"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def state():
        return query(db, f"select state from articles_job where id = {job_id}")[0][0]

    first = cluster()
    try:
        wait_for(marker.exists, 90, "the import to reach its write")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert query(db, "select count(*) from articles_article") == [(0,)]
    assert query(db, "select count(*) from articles_suggestion") == [(0,)]
    assert state() == "running"

    second = cluster()
    try:
        wait_for(lambda: state() != "running", 120, "the retried job to finish")
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait(10)
    assert state() == "succeeded"
    assert query(db, f"select attempts from articles_job where id = {job_id}") == [(2,)]
    assert sorted(query(db, "select original_url from articles_article")) == [
        (record["original_url"],) for record in RECORDS
    ]
