"""Suggestions in the newsroom: the inline on the article form, the list, and
the actions that decide them."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, workflow
from articles.models.suggestions import Suggestion
from articles.suggestions import review, services
from entities.admin_base import PlainCheckboxAdmin, run_all_or_nothing


def suggestion_action(accept):
    def action(modeladmin, request, queryset):
        # On the article list: every suggestion of the selected articles.
        suggestions = (
            Suggestion.objects.filter(article__in=queryset)
            if queryset.model is Article
            else queryset
        )
        count = run_all_or_nothing(
            modeladmin,
            request,
            lambda: services.suggestions_decide(
                suggestions=suggestions, accept=accept, by=request.user
            ),
        )
        if count is None:
            return
        template = (
            _("%(count)d suggestion(s) accepted.")
            if accept
            else _("%(count)d suggestion(s) rejected.")
        )
        modeladmin.message_user(request, template % {"count": count}, messages.SUCCESS)

    action.__name__ = "accept_suggestions" if accept else "reject_suggestions"
    description = (
        _("Accept all pending suggestions")
        if accept
        else _("Reject all pending suggestions")
    )
    return admin.action(description=description, permissions=["change"])(action)


@admin.register(Suggestion)
class SuggestionAdmin(PlainCheckboxAdmin, admin.ModelAdmin):
    list_display = ("name", "kind", "article", "confidence", "status", "decided_by")
    list_filter = ("status", "kind")
    search_fields = ("name", "article__title", "evidence")
    list_select_related = ("article", "decided_by")
    readonly_fields = (
        "article",
        "kind",
        "name",
        "role",
        "aliases",
        "code",
        "entity",
        "topic",
        "evidence",
        "confidence",
        "status",
        "decided_by",
        "decided_at",
    )
    actions = [suggestion_action(True), suggestion_action(False)]

    def get_queryset(self, request):
        """The suggestions of the articles ``request.user`` may open in the
        article form (``workflow.visible_q``): the list, its search (titles,
        names, evidence sentences), a suggestion's page and the actions read
        only these."""
        queryset = super().get_queryset(request)
        condition = workflow.visible_q(request.user, "article__")
        return queryset if condition is None else queryset.filter(condition)

    def has_add_permission(self, request):
        return False


def review_view(model_admin, request, object_id):
    """The article's suggestions, one row per thing, grouped by kind: accept or
    reject a row or a whole kind, or suggest again after editing the text
    (rejected suggestions stay rejected)."""
    article = model_admin.get_object(request, str(object_id))
    if article is None or not model_admin.has_view_permission(request, article):
        raise Http404
    # Deciding tags the article itself: not for who may only save a draft
    # revision of it (a contributor's live article).
    can_decide = model_admin.has_change_permission(
        request, article
    ) and workflow.can_edit(request.user, article)
    if request.method == "POST":
        if not can_decide:
            raise PermissionDenied
        anchor = ""
        if "suggest_again" in request.POST:
            made = run_all_or_nothing(
                model_admin,
                request,
                lambda: services.article_suggest(article=article),
            )
            if made is not None:
                model_admin.message_user(
                    request,
                    ngettext(
                        "%(count)d new suggestion.",
                        "%(count)d new suggestions.",
                        len(made),
                    )
                    % {"count": len(made)},
                    messages.SUCCESS,
                )
        else:
            verb, _sep, raw = request.POST.get("decide", "").partition(":")
            ids = [int(part) for part in raw.split(",") if part.isdigit()]
            # Back to the group just decided, not the top of the page.
            kind = article.suggestions.filter(pk__in=ids).values_list("kind").first()
            if kind:
                anchor = "#group-" + review.group_of(kind[0])
            if verb in ("accept", "reject") and ids:
                count = run_all_or_nothing(
                    model_admin,
                    request,
                    lambda: services.suggestions_decide_rows(
                        suggestions=article.suggestions.filter(pk__in=ids),
                        accept=verb == "accept",
                        by=request.user,
                    ),
                )
                if count is not None:
                    template = (
                        _("%(count)d suggestion(s) accepted.")
                        if verb == "accept"
                        else _("%(count)d suggestion(s) rejected.")
                    )
                    model_admin.message_user(
                        request, template % {"count": count}, messages.SUCCESS
                    )
        return redirect(request.path + anchor)
    groups = review.rows_for(article)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Suggestions for “%(title)s”") % {"title": article.title},
        "opts": model_admin.model._meta,
        "original": article,
        "groups": groups,
        "pending": sum(len(g.pending) for g in groups),
        "can_decide": can_decide,
    }
    return TemplateResponse(request, "admin/articles/article/suggestions.html", context)
