"""Starting, following and cancelling jobs (``articles.models.Job``).

A job is a row first and a queue message second: ``job_start`` writes the row
and hands its id to django-q2 once the row is committed, so a worker never
looks for a job that is not there yet. Progress is written by the worker in
short updates outside any transaction of the work itself, so the admin sees it
while the work goes on."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Job, workflow

RUN_JOB = "articles.jobs.runner.run_job"


class JobCancelled(Exception):
    """Raised between two items of a job whose cancel button was pressed."""


def _enqueue(job_id: int) -> None:
    from django_q.tasks import async_task

    async_task(RUN_JOB, job_id, task_name=f"job-{job_id}")


@transaction.atomic
def job_start(*, kind: str, by, **params) -> Job:
    """Queue a job of ``kind`` (see ``runner.KINDS``) with JSON ``params``; the
    queue gets it when this transaction commits."""
    from articles.jobs.runner import KINDS

    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, created_by=by, params=params)
    if settings.Q_CLUSTER.get("sync"):
        # django-q2's sync mode (the tests): the job runs here, now.
        _enqueue(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def job_progress(job: Job, *, done=None, total=None, current=None) -> None:
    """Record how far ``job`` is; raise ``JobCancelled`` if someone pressed
    its cancel button (one query: the update matches no row then)."""
    changes = {}
    if done is not None:
        changes["done"] = job.done = done
    if total is not None:
        changes["total"] = job.total = total
    if current is not None:
        changes["current"] = job.current = str(current)[:300]
    if not Job.objects.filter(pk=job.pk, cancel_requested=False).update(**changes):
        raise JobCancelled


def can_see(user, job: Job) -> bool:
    """Everyone sees their own jobs; editors see everybody's."""
    return workflow.can_publish(user) or job.created_by_id == user.pk


def jobs_visible_to(user):
    """The jobs ``user`` may see, newest first."""
    jobs = Job.objects.select_related("created_by")
    return jobs if workflow.can_publish(user) else jobs.filter(created_by=user)


@transaction.atomic
def job_cancel(*, job: Job, by) -> Job:
    """Ask ``job`` to stop: a queued job never starts, a running one stops
    before its next item (an import's writing, one transaction, is not cut
    short: it finishes or leaves nothing)."""
    if not can_see(by, job):
        raise PermissionDenied(_("You may not cancel this job."))
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.finished:
        return job
    job.cancel_requested = True
    fields = ["cancel_requested"]
    if job.state == Job.State.QUEUED:
        job.state, job.finished_at = Job.State.CANCELLED, timezone.now()
        fields += ["state", "finished_at"]
    job.save(update_fields=fields)
    return job


def job_add_error(job: Job, *, message, file="", record="", field="") -> None:
    """Append one error to ``job`` (shown on its page)."""
    job.errors = [
        *job.errors,
        {"file": file, "record": record, "field": field, "message": str(message)},
    ]
    Job.objects.filter(pk=job.pk).update(errors=job.errors)


def job_attempt(job_id: int) -> Job | None:
    """Mark the job running and count the attempt; ``None`` if there is no such
    job or it is finished already (a message delivered twice)."""
    updated = Job.objects.filter(
        pk=job_id, state__in=[Job.State.QUEUED, Job.State.RUNNING]
    ).update(
        state=Job.State.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    return Job.objects.get(pk=job_id) if updated else None


def job_finish(job: Job, state, *, result=None) -> None:
    job.state, job.finished_at = state, timezone.now()
    fields = {"state": state, "finished_at": job.finished_at}
    if result is not None:
        job.result = fields["result"] = result
    Job.objects.filter(pk=job.pk).update(**fields)
