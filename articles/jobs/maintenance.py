"""The other long work as jobs: "suggest again" on one article, rebuilding the
stories, recounting the public counts, the media cleanup and a backup. Each
calls the service (or the management command) that does the work today."""

import io

from django.core.management import call_command
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import facts, publiccounts, stories
from articles.jobs.runner import JobRefused, job_kind
from articles.jobs.services import job_progress
from articles.models import Article, workflow
from articles.suggestions import services as suggestions


def _editors_only(job):
    if not workflow.can_publish(job.created_by):
        raise JobRefused(_("Only editors start this job."))


@job_kind("suggest_again", label=gettext_lazy("Suggest again"))
def suggest_again(job, *, article):
    """New suggestions for an article from its current text, and its facts and
    quotes read again (new ones pending, decided ones kept)."""
    found = Article.objects.filter(pk=article).first()
    if found is None:
        raise JobRefused(_("The article is gone."))
    if not workflow.can_edit(job.created_by, found):
        raise JobRefused(_("You may not change this article."))
    job_progress(job, done=0, total=1, current=found.title)
    made = suggestions.article_suggest(article=found)
    facts.article_extract_facts(article=found)
    facts.article_extract_quotes(article=found)
    job_progress(job, done=1)
    return {"article": found.pk, "title": found.title, "suggestions": len(made)}


@job_kind("stories_rebuild", label=gettext_lazy("Rebuild the stories"))
def stories_rebuild(job):
    _editors_only(job)
    steps = {"done": 0}

    def progress(message):
        steps["done"] += 1
        job_progress(job, done=steps["done"], current=message)

    return stories.rebuild(progress=progress)


@job_kind("recount", label=gettext_lazy("Recount the public counts"))
def recount(job):
    _editors_only(job)
    return {"recounted": publiccounts.refresh()}


def _command(job, name, *args):
    _editors_only(job)
    job_progress(job, done=0, total=1, current=name)
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    job_progress(job, done=1)
    return {"output": out.getvalue()[-5000:]}


@job_kind("media_cleanup", label=gettext_lazy("Media cleanup"))
def media_cleanup(job):
    return _command(job, "media_cleanup")


@job_kind("backup", label=gettext_lazy("Backup"))
def backup(job):
    return _command(job, "backup")
