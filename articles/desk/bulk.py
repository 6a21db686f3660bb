"""Tagging "all matching" articles (the changelist's "select all N") as one
job with progress (issue 25): any number of articles, with no list of ids in
any request.

Django's admin posts the ids of every ticked row, and the intermediate page
listed every article with a hidden id: past about 1,000 articles the request
exceeded ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` and the desk got a 400. With "all
matching" chosen, the intermediate page carries only ``select_across`` and the
changelist's own query string (its filters and search), and applying starts a
job that rebuilds the same list in the worker, for the same user, and tags it
in chunks of ``CHUNK`` (each chunk all or none through ``articles_tag``;
progress and cancel are between chunks)."""

from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import editorial, jobs
from articles.models import Article, Topic, workflow
from entities.models import Entity, Region

CHUNK = 500
TARGETS = {"topic": Topic, "region": Region, "entity": Entity}


def matching(*, query: str, user):
    """The articles the changelist shows ``user`` for ``query`` (its query
    string: filters, search, ordering), all pages."""
    request = RequestFactory().get(
        reverse("admin:articles_article_changelist") + "?" + query
    )
    request.user = user
    model_admin = admin.site._registry[Article]
    return model_admin.get_changelist_instance(request).get_queryset(request)


def tag_matching_start(*, query, kind, value, add, by):
    """Start the job tagging every article matching ``query``."""
    return jobs.job_start(
        kind="articles_tag_matching",
        by=by,
        query=query,
        target=kind,
        value=value.pk,
        add=add,
    )


@jobs.job_kind("articles_tag_matching", label=gettext_lazy("Tag all matching"))
def tag_matching(job, *, query, target, value, add):
    by = job.created_by
    if not workflow.can_publish(by):
        raise jobs.JobRefused(_("Only editors add or remove tags in bulk."))
    found = TARGETS[target].objects.filter(pk=value).first()
    if found is None:
        raise jobs.JobRefused(_("The tag is gone."))
    ids = list(
        matching(query=query, user=by).order_by("pk").values_list("pk", flat=True)
    )
    jobs.job_progress(job, done=0, total=len(ids), current=str(found))
    changed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = Article.objects.filter(pk__in=ids[start : start + CHUNK])
        changed += editorial.articles_tag(
            articles=chunk, by=by, add=add, **{target: found}
        )
        jobs.job_progress(job, done=min(start + CHUNK, len(ids)))
    return {"tag": str(found), "added": add, "articles": changed}
