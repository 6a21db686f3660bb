"""Jobs: starting, progress, cancelling between items, refusals, who sees
which job (articles.jobs.services, runner)."""

import pytest
from django.core.exceptions import PermissionDenied

from articles import jobs
from articles.jobs import runner
from articles.models import Job


@pytest.fixture
def kind(monkeypatch):
    """Register a job kind for one test: ``kind(name)(func)``."""

    def register(name):
        def decorate(func):
            monkeypatch.setitem(runner.KINDS, name, runner.JobKind(name, func, name))
            return func

        return decorate

    return register


@pytest.mark.django_db
class TestRunner:
    def test_a_job_reports_progress_and_its_result(self, kind, editor):
        seen = []

        @kind("count")
        def count(job, *, items):
            for number, item in enumerate(items):
                jobs.job_progress(job, done=number, total=len(items), current=item)
                seen.append(Job.objects.get(pk=job.pk).current)
            jobs.job_progress(job, done=len(items))
            return {"counted": len(items)}

        job = jobs.job_start(kind="count", by=editor, items=["a.json", "b.json"])
        assert seen == ["a.json", "b.json"]
        assert job.state == Job.State.SUCCEEDED
        assert (job.done, job.total, job.result) == (2, 2, {"counted": 2})
        assert job.attempts == 1
        assert job.started_at <= job.finished_at

    def test_cancel_stops_the_job_before_its_next_item(self, kind, editor):
        done = []

        @kind("long")
        def long(job):
            for number in range(5):
                jobs.job_progress(job, done=number, total=5)
                done.append(number)
                if number == 1:  # the editor presses cancel meanwhile
                    jobs.job_cancel(job=job, by=editor)
            return {"finished": True}

        job = jobs.job_start(kind="long", by=editor)
        assert done == [0, 1]
        assert job.state == Job.State.CANCELLED
        assert job.result == {}

    def test_a_queued_job_cancelled_never_starts(self, kind, editor, settings):
        ran = []

        @kind("never")
        def never(job):
            ran.append(job.pk)

        job = Job.objects.create(kind="never", created_by=editor)
        jobs.job_cancel(job=job, by=editor)
        job.refresh_from_db()
        assert job.state == Job.State.CANCELLED
        jobs.run_job(job.pk)
        assert ran == []

    def test_a_refusal_is_an_error_naming_file_record_and_field(self, kind, editor):
        @kind("refuse")
        def refuse(job):
            raise jobs.JobRefused(
                "a.json, rekaman 2, judul: kosong",
                file="a.json",
                record="2",
                field="judul",
            )

        job = jobs.job_start(kind="refuse", by=editor)
        assert job.state == Job.State.FAILED
        assert job.errors == [
            {
                "file": "a.json",
                "record": "2",
                "field": "judul",
                "message": "a.json, rekaman 2, judul: kosong",
            }
        ]

    def test_an_unexpected_error_fails_the_job_with_a_message(self, kind, editor):
        @kind("crash")
        def crash(job):
            raise ZeroDivisionError

        job = jobs.job_start(kind="crash", by=editor)
        assert job.state == Job.State.FAILED
        (error,) = job.errors
        assert "ZeroDivisionError" in error["message"]
        assert error["message"].startswith("Kesalahan tak terduga")

    def test_a_message_delivered_again_after_the_job_finished_is_ignored(
        self, kind, editor
    ):
        runs = []

        @kind("once")
        def once(job):
            runs.append(job.pk)

        job = jobs.job_start(kind="once", by=editor)
        jobs.run_job(job.pk)
        assert runs == [job.pk]

    def test_a_job_taken_up_more_often_than_allowed_fails(self, kind, editor):
        @kind("retried")
        def retried(job):
            return {"ran": True}

        # Two workers died holding it already.
        job = Job.objects.create(
            kind="retried", created_by=editor, state=Job.State.RUNNING, attempts=2
        )
        jobs.run_job(job.pk)
        job.refresh_from_db()
        assert job.state == Job.State.FAILED
        assert job.result == {}

    def test_unknown_kinds_are_refused_at_start(self, editor):
        with pytest.raises(ValueError):
            jobs.job_start(kind="no-such-kind", by=editor)
        assert not Job.objects.exists()


@pytest.mark.django_db
class TestWhoSeesWhat:
    def test_a_contributor_sees_her_own_jobs_editors_see_all(
        self, contributor, editor, make_user
    ):
        mine = Job.objects.create(kind="recount", created_by=contributor)
        other = Job.objects.create(kind="recount", created_by=make_user("Contributor"))
        assert list(jobs.jobs_visible_to(contributor)) == [mine]
        assert set(jobs.jobs_visible_to(editor)) == {mine, other}

    def test_nobody_cancels_a_job_they_cannot_see(self, contributor, make_user):
        other = Job.objects.create(kind="recount", created_by=make_user("Contributor"))
        with pytest.raises(PermissionDenied):
            jobs.job_cancel(job=other, by=contributor)
        other.refresh_from_db()
        assert not other.cancel_requested


@pytest.mark.django_db
def test_a_job_no_worker_is_on_any_more_is_marked_failed(editor, settings):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    limit = settings.Q_CLUSTER["timeout"] + settings.Q_CLUSTER["retry"] + 60
    stuck = Job.objects.create(
        kind="recount",
        created_by=editor,
        state=Job.State.RUNNING,
        started_at=now - datetime.timedelta(seconds=limit + 1),
    )
    busy = Job.objects.create(
        kind="recount",
        created_by=editor,
        state=Job.State.RUNNING,
        started_at=now - datetime.timedelta(seconds=limit - 60),
    )
    assert runner.jobs_fail_stale(now=now) == 1
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.state, busy.state) == (Job.State.FAILED, Job.State.RUNNING)
    assert stuck.errors[0]["message"] == (
        "Pekerja berhenti di tengah pekerjaan ini; coba lagi."
    )


@pytest.mark.django_db
def test_the_sweep_is_on_the_workers_schedule():
    from django_q.models import Schedule

    sweep = Schedule.objects.get(name="warta-jobs-sweep")
    assert sweep.func == "articles.jobs.runner.jobs_fail_stale"
