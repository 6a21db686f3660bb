"""Suggestions in the newsroom: the inline on the article form, the list, and
the actions that decide them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from entities.admin_base import run_all_or_nothing

from ..models import Article
from . import services
from .models import Suggestion


class SuggestionInline(admin.TabularInline):
    """What the extractor proposes for this article; decide each one by changing
    its status (accepting tags the article)."""

    model = Suggestion
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "name",
        "role",
        "code",
        "confidence",
        "evidence_excerpt",
        "status",
    )
    readonly_fields = ("kind", "name", "role", "code", "confidence", "evidence_excerpt")
    ordering = ("status", "kind", "-confidence")
    classes = ("collapse",)
    verbose_name_plural = _("suggested entities, regions and topics")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("evidence"))
    def evidence_excerpt(self, obj):
        return obj.evidence[:160]


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
class SuggestionAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False
