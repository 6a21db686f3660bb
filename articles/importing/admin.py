"""The admin's import page: upload files, read the dry run, confirm."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.importing import staging
from articles.importing.forms import ImportForm
from articles.importing.parsers import ImportFailed
from articles.importing.service import import_batch, parse_all
from articles.models import workflow


def import_view(model_admin, request):
    """Upload files, see what importing them would do, then confirm: the
    same all-or-nothing service as ``manage.py import_articles``."""
    if not workflow.can_publish(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Import articles"),
        "opts": model_admin.model._meta,
    }
    token = request.POST.get("token", "")
    if request.method == "POST" and "confirm" in request.POST:
        paths = staging.files(token)
        if paths is None:
            model_admin.message_user(
                request,
                _("Those files are gone; upload them again."),
                messages.ERROR,
            )
            return redirect("admin:articles_import")
        try:
            report = import_batch(parse_all(paths), by=request.user)
        except ImportFailed as exc:
            context.update(form=ImportForm(), refused=str(exc))
            return TemplateResponse(request, "admin/articles/import.html", context)
        finally:
            staging.discard(token)
        model_admin.message_user(
            request,
            _("Imported %(new)d article(s); %(skipped)d already here.")
            % {"new": len(report.created), "skipped": len(report.duplicates)},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_changelist") + "?desk=imports")
    if request.method == "POST" and "cancel" in request.POST:
        staging.discard(token)
        return redirect("admin:articles_import")
    form = ImportForm(request.POST or None, request.FILES or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            token, paths = staging.stage(form.cleaned_data["files"])
        except ImportFailed as exc:  # nothing was left staged
            context["refused"] = str(exc)
            return TemplateResponse(request, "admin/articles/import.html", context)
        try:
            context["report"] = import_batch(
                parse_all(paths), by=request.user, dry_run=True
            )
            context["token"] = token
        except ImportFailed as exc:
            staging.discard(token)
            context["refused"] = str(exc)
    return TemplateResponse(request, "admin/articles/import.html", context)
