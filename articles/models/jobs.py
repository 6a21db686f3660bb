"""Long work done off the request path: one row per job (an import, a
"suggest again", a bulk tagging…), its progress, result and errors.

The queue library (django-q2, ``articles.jobs``) only carries the job's id to
a worker; everything the admin shows about a job is read from this row, so the
job page never waits on the worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    FINISHED = (State.SUCCEEDED, State.FAILED, State.CANCELLED)

    kind = models.CharField(_("kind"), max_length=50)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    current = models.CharField(_("current item"), max_length=300, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # Each: {"file": …, "record": …, "field": …, "message": …} (Indonesian).
    errors = models.JSONField(_("errors"), default=list, blank=True)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    # How many times a worker took the job up: more than one after a worker
    # died mid-job and the queue handed the job out again.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["created_by", "-created_at"], name="job_by_created_idx"
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
