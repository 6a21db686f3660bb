"""Bulk actions on the article list: move the selected articles through the
workflow, or add or remove one topic, region or entity, all or none."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import editorial
from articles.desk.bulk import tag_matching_start
from articles.desk.forms import BulkTagForm
from articles.models import Article
from entities.admin_base import run_all_or_nothing

# Articles the intermediate page names when "all matching" are chosen.
SHOWN = 20


def status_action(to_status, description, permission):
    """An admin action moving the selected articles to ``to_status`` at once."""

    def action(modeladmin, request, queryset):
        count = run_all_or_nothing(
            modeladmin,
            request,
            lambda: editorial.articles_set_status(
                articles=queryset, to_status=to_status, by=request.user
            ),
        )
        if count is None:
            return
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d article moved to %(status)s.",
                "%(count)d articles moved to %(status)s.",
                count,
            )
            % {"count": count, "status": Article.Status(to_status).label},
            messages.SUCCESS,
        )

    action.__name__ = f"make_{to_status}"
    return admin.action(description=description, permissions=[permission])(action)


def tag_action(kind, add):
    """An admin action adding or removing one topic/region/entity on the selected
    articles, through an intermediate page that asks which."""

    def action(modeladmin, request, queryset):
        form = BulkTagForm(request.POST if "apply" in request.POST else None, kind=kind)
        across = request.POST.get("select_across") == "1"
        if form.is_bound and form.is_valid() and across:
            # "All matching": one job over the list's query, not its ids.
            job = tag_matching_start(
                query=request.GET.urlencode(),
                kind=kind,
                value=form.cleaned_data["value"],
                add=add,
                by=request.user,
            )
            return redirect("admin:articles_job_change", job.pk)
        if form.is_bound and form.is_valid():
            value = form.cleaned_data["value"]
            count = run_all_or_nothing(
                modeladmin,
                request,
                lambda: editorial.articles_tag(
                    articles=queryset, by=request.user, add=add, **{kind: value}
                ),
            )
            if count is None:
                return None
            template = (
                _("%(value)s added to %(count)d article(s).")
                if add
                else _("%(value)s removed from %(count)d article(s).")
            )
            modeladmin.message_user(
                request, template % {"value": value, "count": count}, messages.SUCCESS
            )
            return None
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": action.short_description,
            "opts": modeladmin.model._meta,
            "form": form,
            "media": modeladmin.media + form.media,
            "articles": queryset[:SHOWN] if across else queryset,
            "count": queryset.count() if across else None,
            "select_across": across,
            "action_name": action.__name__,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/articles/article/bulk_tag.html", context
        )

    labels = {
        ("topic", True): _("Add a topic to the selected articles"),
        ("topic", False): _("Remove a topic from the selected articles"),
        ("region", True): _("Add a region to the selected articles"),
        ("region", False): _("Remove a region from the selected articles"),
        ("entity", True): _("Add an entity to the selected articles"),
        ("entity", False): _("Remove an entity from the selected articles"),
    }
    action.__name__ = f"{'add' if add else 'remove'}_{kind}"
    return admin.action(description=labels[(kind, add)], permissions=["publish"])(
        action
    )
