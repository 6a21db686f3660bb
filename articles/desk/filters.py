"""The article list's filters: the desk's queues, where articles stand in the
workflow, whether their source is known."""

from django.contrib import admin
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from articles.desk import queues as desk
from articles.models import Article, workflow


class DeskFilter(admin.SimpleListFilter):
    """The desk's queues (``desk.queues``): every count on the desk links here."""

    title = _("my desk")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        editor = workflow.can_publish(request.user)
        return [
            (name, label)
            for name, label, contributors, *_rest in desk.QUEUES
            if editor or contributors
        ]

    def queryset(self, request, queryset):
        if self.value() not in desk.QUEUE_LABELS:
            return queryset
        if self.value() == "suggestions":
            queryset = queryset.annotate(has_pending=desk._pending_suggestions())
        return queryset.filter(desk.queue_q(self.value(), request.user))


class WorkflowFilter(admin.SimpleListFilter):
    """Where each article stands: the queues an editor works through."""

    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return (
            ("draft", _("Draft")),
            ("review", _("Needs review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
            ("archived", _("Archived")),
        )

    def queryset(self, request, queryset):
        Status = Article.Status
        return {
            "draft": lambda: queryset.filter(status=Status.DRAFT),
            "review": lambda: queryset.filter(status=Status.REVIEW),
            "scheduled": lambda: queryset.filter(
                status=Status.PUBLISHED, publish_at__gt=Now()
            ),
            "live": lambda: queryset.published(),
            "archived": lambda: queryset.filter(status=Status.ARCHIVED),
        }.get(self.value(), lambda: queryset)()


class NoSourceFilter(admin.SimpleListFilter):
    title = _("source known")
    parameter_name = "has_source"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No source")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(source__isnull=False)
        if self.value() == "no":
            return queryset.filter(source__isnull=True)
        return queryset


class SourceFilter(admin.RelatedFieldListFilter):
    """The sources, without the related filter's empty choice: it showed as a
    bare "-" under the sources, the same list as "source known: No source"."""

    include_empty_choice = False
