"""What a worker runs: ``run_job(job_id)`` looks the job's kind up in
``KINDS`` and calls it with the job and its parameters.

A kind is a function ``(job, **params) -> dict`` (the result shown on the job
page), registered with ``@job_kind("name")``. It reports progress with
``job_progress`` between its items, which is also where a cancel is noticed.
Kinds live with the work they wrap (``jobs.imports``, ``jobs.maintenance``), or
above, in the package that owns what they need (the desk's bulk tagging)."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.jobs.services import (
    JobCancelled,
    job_add_error,
    job_attempt,
    job_finish,
)
from articles.models import Job

log = logging.getLogger(__name__)


class JobRefused(Exception):
    """A job that cannot be done as asked: its message (Indonesian, naming the
    file, record and field where there are some) is shown on the job page."""

    def __init__(self, message, *, file="", record="", field=""):
        super().__init__(message)
        self.file, self.record, self.field = file, record, field


@dataclass(frozen=True)
class JobKind:
    name: str
    func: object
    label: str


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, label):
    """Register the decorated function as the job kind ``name``."""

    def register(func):
        KINDS[name] = JobKind(name, func, label)
        return func

    return register


def run_job(job_id: int) -> None:
    """Run the job ``job_id`` (django-q2 calls this in a worker)."""
    job = job_attempt(job_id)
    if job is None:
        return
    if job.cancel_requested:
        job_finish(job, Job.State.CANCELLED)
        return
    if job.attempts > settings.Q_CLUSTER.get("max_attempts", 2):
        job_add_error(job, message=_("The worker stopped during this job; try again."))
        job_finish(job, Job.State.FAILED)
        return
    try:
        result = KINDS[job.kind].func(job, **job.params)
    except JobCancelled:
        job_finish(job, Job.State.CANCELLED)
    except JobRefused as exc:
        job_add_error(
            job, message=exc, file=exc.file, record=exc.record, field=exc.field
        )
        job_finish(job, Job.State.FAILED)
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job_add_error(
            job,
            message=_("Unexpected error (%(error)s); the job stopped.")
            % {"error": type(exc).__name__},
        )
        job_finish(job, Job.State.FAILED)
    else:
        job_finish(job, Job.State.SUCCEEDED, result=result or {})


def jobs_fail_stale(*, now=None) -> int:
    """Mark failed the jobs still "running" long after any worker could be on
    them: the cluster stopped them at its timeout (and, as a failure, does not
    hand them out again), or their worker died and they ran out of attempts.
    The worker's scheduler calls this every few minutes (migration 0019);
    returns how many were marked."""
    now = now or timezone.now()
    conf = settings.Q_CLUSTER
    # A dead worker's job is handed out again after ``retry`` seconds and then
    # may run ``timeout`` seconds more; past both, nobody is on it.
    limit = now - datetime.timedelta(
        seconds=conf.get("timeout", 1800) + conf.get("retry", 1860) + 60
    )
    stale = list(Job.objects.filter(state=Job.State.RUNNING, started_at__lt=limit))
    for job in stale:
        job_add_error(job, message=_("The worker stopped during this job; try again."))
        job_finish(job, Job.State.FAILED)
    return len(stale)
