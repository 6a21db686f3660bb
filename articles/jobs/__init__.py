"""Long work as queued jobs with progress (django-q2 carries them; see
docs/jobs.md): start one with ``job_start(kind=…, by=…, **params)``, follow it
on its row (``articles.models.Job``), cancel it with ``job_cancel``."""

from articles.jobs import feeds, imports, maintenance  # noqa: F401  (registers kinds)
from articles.jobs.runner import KINDS, JobRefused, job_kind, run_job
from articles.jobs.services import (
    JobCancelled,
    can_see,
    job_add_error,
    job_cancel,
    job_progress,
    job_start,
    jobs_visible_to,
)

__all__ = [
    "KINDS",
    "JobCancelled",
    "JobRefused",
    "can_see",
    "job_add_error",
    "job_cancel",
    "job_kind",
    "job_progress",
    "job_start",
    "jobs_visible_to",
    "run_job",
]
