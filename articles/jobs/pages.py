"""The admin's import page: upload files and get a job at once.

Uploading stages the files and starts the dry run as a job (``import_check``);
the answer is a redirect to the job's page, which shows the dry run when it is
done, with the button that starts the write (``import_write``) on the same
staged files. The request never parses or plans anything itself: 10,000
records answer as fast as one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.importing import staging
from articles.importing.forms import ImportForm
from articles.importing.parsers import ImportFailed
from articles.jobs.services import job_start
from articles.models import workflow


def job_url(job) -> str:
    return reverse("admin:articles_job_change", args=[job.pk])


def import_view(model_admin, request):
    """Upload files (a dry-run job starts), confirm (the import job starts)
    or cancel (the staged files go)."""
    if not workflow.can_publish(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import articles"),
        "opts": model_admin.model._meta,
    }
    token = request.POST.get("token", "")
    if request.method == "POST" and "confirm" in request.POST:
        if staging.files(token) is None:
            model_admin.message_user(
                request,
                _("Those files are gone; upload them again."),
                messages.ERROR,
            )
            return redirect("admin:articles_import")
        return redirect(
            job_url(job_start(kind="import_write", by=request.user, token=token))
        )
    if request.method == "POST" and "cancel" in request.POST:
        staging.discard(token)
        return redirect("admin:articles_import")
    form = ImportForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            token, _paths = staging.stage(form.cleaned_data["files"])
        except ImportFailed as exc:  # nothing was left staged
            context["refused"] = str(exc)
            return TemplateResponse(request, "admin/articles/import.html", context)
        return redirect(
            job_url(job_start(kind="import_check", by=request.user, token=token))
        )
    return TemplateResponse(request, "admin/articles/import.html", context)
