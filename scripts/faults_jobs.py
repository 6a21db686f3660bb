"""Fault: a job worker killed mid-import (issue 24). Used by scripts/faults.py
as its last phase, and runnable alone on a throwaway SQLite site:

    .venv/bin/python scripts/faults_jobs.py [--records 1500]

A real job cluster (``manage.py qcluster``) takes an import job of
``--records`` JSON records; the moment the job reports its write step (done ==
total, a current step named), the whole cluster is SIGKILLed. The import
writes in one transaction, so the articles it left must be none (killed inside
the write) or all (it committed first): any other number is a partial import
and misses the goal."""

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtest import PYTHON, ROOT, manage, production_env, shell_json

MARK = "https://faults.invalid/impor-"
START = """
import json
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from articles import jobs
from articles.importing import staging
editor, _ = User.objects.get_or_create(username="faults-importer", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
upload = SimpleUploadedFile("faults-import.json", open({path!r}, "rb").read())
token, _paths = staging.stage([upload])
print(json.dumps(jobs.job_start(kind="import_write", by=editor, token=token).pk))
"""


def records(count):
    return [
        {
            "title": f"Kawasan industri ke-{n} di Cilegon menambah penyewa",
            "body": f"Kawasan industri nomor {n} di Cilegon menambah {n % 17 + 2} "
            f"penyewa baru tahun ini, kata pengelolanya. Investasi {n} miliar "
            "rupiah masuk ke sektor baja dan kimia.",
            "original_url": f"{MARK}{n}",
            "dateline": "CILEGON",
        }
        for n in range(count)
    ]


def worker_killed_mid_import(env, tmp, query, *, count=1500, wait=240):
    """Run the fault on the site ``env`` describes; ``query(sql)`` reads its
    database (rows). Returns what happened and whether the goal was met."""
    env = {**env, "DJANGO_IMPORT_STAGING_ROOT": str(tmp / "staging")}
    path = tmp / "faults-import.json"
    path.write_text(json.dumps(records(count)))
    job = shell_json(env, START.format(path=str(path)))
    cluster = subprocess.Popen(
        [PYTHON, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen, started = None, time.monotonic()
    try:
        while time.monotonic() - started < wait:
            rows = query(
                f"select state, done, total, current from articles_job where id = {job}"
            )
            seen = rows[0] if rows else None
            if seen and seen[0] != "running" and seen[0] != "queued":
                break  # finished before we could kill it
            if (
                seen
                and seen[0] == "running"
                and seen[2]
                and seen[1] == seen[2]
                and seen[3]
            ):
                break  # the write step: kill now
            time.sleep(0.05)
    finally:
        os.killpg(cluster.pid, signal.SIGKILL)
        cluster.wait(10)
    left = query(
        f"select count(*) from articles_article where original_url like '{MARK}%'"
    )[0][0]
    state = query(f"select state from articles_job where id = {job}")[0][0]
    return {
        "records": count,
        "killed_at": {
            "state": seen[0],
            "done": seen[1],
            "total": seen[2],
            "step": seen[3],
        }
        if seen
        else None,
        "articles_left": left,
        "job_state_after": state,
        "killed_inside_the_write": left == 0 and bool(seen and seen[3]),
        # A job that failed before writing would pass vacuously: the kill must
        # have come at the write step, or the job must have finished first.
        "met": bool(
            seen
            and (seen[0] == "succeeded" or (seen[3] and seen[1] == seen[2]))
            and left in (0, count)
        ),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1500)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="warta-faults-jobs-"))
    db = tmp / "db.sqlite3"
    env = production_env(tmp, DATABASE_URL=f"sqlite:///{db}")
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput", "-v0")

    def query(sql):
        with sqlite3.connect(db, timeout=20) as connection:
            return connection.execute(sql).fetchall()

    result = worker_killed_mid_import(env, tmp, query, count=args.records)
    print(json.dumps(result, indent=2))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
