"""Imports as jobs: the dry run (``import_check``) and the write
(``import_write``) of files the admin's import page staged.

Both parse every staged file (one step per file) and plan every article (a
step every ``plan.PROGRESS_EVERY``), reading only; the write then writes the
whole batch in one transaction (``importing.write``), so a worker killed
while writing leaves nothing: the queue hands the job out again and it is
planned and written anew from the same staged files, which are removed only
once the job has an outcome."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importing import staging
from articles.importing.parsers import ImportFailed, parse_path
from articles.importing.plan import plan
from articles.importing.service import ImportReport
from articles.importing.write import write
from articles.jobs.runner import JobRefused, job_kind
from articles.jobs.services import job_progress
from articles.models import workflow

# Rows of the dry run kept in the job's result (the page shows these; the
# totals count every article).
MAX_ROWS = 2000


def _staged(job, token):
    if not workflow.can_publish(job.created_by):
        raise JobRefused(_("Only editors import articles."))
    paths = staging.files(token)
    if paths is None:
        raise JobRefused(_("Those files are gone; upload them again."))
    return paths


def _plan(job, paths):
    """Parse each file, then plan every article, reporting progress."""
    parsed = []
    job_progress(job, done=0, total=len(paths))
    for number, path in enumerate(paths):
        job_progress(job, done=number, current=path.name)
        parsed.extend(parse_path(path))
    job_progress(job, done=0, total=len(parsed), current=_("checking articles"))
    planned = plan(
        parsed,
        by=job.created_by,
        progress=lambda done, origin: job_progress(job, done=done, current=origin),
    )
    job_progress(job, done=len(parsed), current="")
    return planned


def _refused(token, exc):
    """The import cannot be done: the staged files go, and the job's error
    names the file and record (the message starts with them)."""
    staging.discard(token)
    if exc.file:
        return JobRefused(
            str(exc), file=exc.file, record=str(exc.record), field=exc.field
        )
    where, _sep, _rest = str(exc).partition(": ")
    return JobRefused(str(exc), file=where)


def _row(item) -> dict:
    row = {"origin": item.parsed.origin}
    if item.created:
        article = item.article
        row.update(
            result="new",
            title=article.title,
            source=str(article.source) if article.source else "",
            new_source=item.new_source,
            suggestions=len(item.suggestions),
            dropped=list(item.parsed.dropped),
            preview=item.preview,
            boilerplate=item.boilerplate,
        )
    elif item.duplicate:
        row.update(
            result="duplicate",
            title=item.duplicate.title,
            duplicate=item.duplicate.pk,
        )
    else:
        row.update(result="same_text", same_as=item.duplicate_in_batch)
    return row


@job_kind("import_check", label=gettext_lazy("Import: what it would do"))
def import_check(job, *, token):
    """What importing the staged files would do, writing nothing."""
    paths = _staged(job, token)
    try:
        report = ImportReport(_plan(job, paths), written=False)
    except ImportFailed as exc:
        raise _refused(token, exc) from exc
    return {
        "token": token,
        "files": [path.name for path in paths],
        "created": len(report.created),
        "duplicates": len(report.duplicates),
        "rows": [_row(item) for item in report.planned[:MAX_ROWS]],
    }


@job_kind("import_write", label=gettext_lazy("Import"))
def import_write(job, *, token):
    """Import the staged files: every new article or none."""
    paths = _staged(job, token)
    try:
        planned = _plan(job, paths)
        job_progress(job, current=_("writing the articles"))
        write(planned, by=job.created_by)
    except ImportFailed as exc:
        raise _refused(token, exc) from exc
    staging.discard(token)
    report = ImportReport(planned, written=True)
    return {
        "files": [path.name for path in paths],
        "created": len(report.created),
        "duplicates": len(report.duplicates),
    }
