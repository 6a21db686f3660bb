"""The job list and each job's page: a progress bar (done/total, the current
file), the result, the errors and a cancel button. The page only reads the
job's row and refreshes itself while the job runs; it never waits on it.

Everyone on the desk sees their own jobs; editors see everybody's."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import jobs
from articles.models import Job, workflow
from articles.suggestions.admin import review_view

# How often a running job's page reloads itself (seconds).
REFRESH_SECONDS = 2
# The jobs an editor may start from the job list.
MAINTENANCE = ("recount", "stories_rebuild", "media_cleanup", "backup")


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "kind_label",
        "state",
        "progress",
        "created_by",
        "created_at",
    )
    list_filter = ("state", "kind")
    list_select_related = ("created_by",)
    list_per_page = 50

    @admin.display(description=_("job"))
    def kind_label(self, job):
        kind = jobs.KINDS.get(job.kind)
        return kind.label if kind else job.kind

    @admin.display(description=_("progress"))
    def progress(self, job):
        return format_html(
            '<progress max="{}" value="{}">{}%</progress> {} / {}',
            job.total or 1,
            job.done,
            job.percent,
            job.done,
            job.total,
        )

    def get_queryset(self, request):
        return jobs.jobs_visible_to(request.user)

    # Jobs are started by the pages that need them and changed only by their
    # worker; the desk reads them (its own, or all for editors).
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or jobs.can_see(request.user, obj)
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "start/",
                self.admin_site.admin_view(self.start_view),
                name="articles_job_start",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        maintenance = (
            [jobs.KINDS[kind] for kind in MAINTENANCE]
            if workflow.can_publish(request.user)
            else []
        )
        return super().changelist_view(
            request, {"maintenance": maintenance, **(extra_context or {})}
        )

    def start_view(self, request):
        """Start one of the maintenance jobs (editors, POST)."""
        kind = request.POST.get("kind", "")
        if request.method != "POST" or kind not in MAINTENANCE:
            raise Http404
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        job = jobs.job_start(kind=kind, by=request.user)
        return redirect("admin:articles_job_change", job.pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is None or not self.has_view_permission(request, job):
            raise Http404
        if request.method == "POST":
            if "cancel_job" not in request.POST:
                raise PermissionDenied
            jobs.job_cancel(job=job, by=request.user)
            self.message_user(
                request, _("The job will stop before its next step."), messages.INFO
            )
            return redirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{self.kind_label(job)} #{job.pk}",
            "opts": self.model._meta,
            "job": job,
            "refresh_seconds": REFRESH_SECONDS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/job/detail.html", context)


def review_view_with_jobs(model_admin, request, object_id):
    """The suggestions page, whose "suggest again" runs as a job (on a long
    capitalised text the extractor takes seconds): the answer is a redirect to
    the job's page, which links back here when it is done."""
    if request.method == "POST" and "suggest_again" in request.POST:
        article = model_admin.get_object(request, str(object_id))
        if article is None or not model_admin.has_view_permission(request, article):
            raise Http404
        if not (
            model_admin.has_change_permission(request, article)
            and workflow.can_edit(request.user, article)
        ):
            raise PermissionDenied
        job = jobs.job_start(kind="suggest_again", by=request.user, article=article.pk)
        return redirect("admin:articles_job_change", job.pk)
    return review_view(model_admin, request, object_id)
