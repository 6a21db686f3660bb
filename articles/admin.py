from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entities.admin_base import GuardedHistoryAdmin, run_all_or_nothing

from . import history, images, search, services, workflow
from .forms import ArticleAdminForm, BulkTagForm
from .models import Article, Source, Topic
from .stories import admin as story_admin
from .suggestions import services as suggestion_services
from .suggestions.admin import SuggestionInline, suggestion_action
from .suggestions.models import Suggestion


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "iptc_code")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "slug", "description")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "homepage", "region", "language")
    list_filter = ("kind", "language")
    search_fields = ("name", "slug", "homepage")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


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


def status_action(to_status, description, permission):
    """An admin action moving the selected articles to ``to_status`` at once."""

    def action(modeladmin, request, queryset):
        count = run_all_or_nothing(
            modeladmin,
            request,
            lambda: services.articles_set_status(
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
        if form.is_bound and form.is_valid():
            value = form.cleaned_data["value"]
            count = run_all_or_nothing(
                modeladmin,
                request,
                lambda: services.articles_tag(
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
            "articles": queryset,
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


@admin.register(Article)
class ArticleAdmin(GuardedHistoryAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "status",
        "publish_at",
        "source",
        "region_list",
        "topic_list",
        "entity_count",
        "is_featured",
    )
    list_filter = (
        WorkflowFilter,
        "status",
        "is_featured",
        NoSourceFilter,
        story_admin.InStoryFilter,
        ("publish_at", admin.DateFieldListFilter),
        "source",
        "topics",
        "language",
    )
    # Searched through the full-text index (see get_search_results); a date
    # hierarchy and "related only" filters would each scan the whole table.
    search_fields = ("title",)
    list_select_related = ("source",)
    list_per_page = 50
    # The unfiltered total costs a second COUNT(*) over the whole table.
    show_full_result_count = False
    autocomplete_fields = ("source", "dateline_region", "regions", "topics")
    raw_id_fields = ()
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (
        "workflow_summary",
        "text_length",
        "story_note",
        "created_at",
        "updated_at",
    )
    history_list_display = ("status", "version", "tag_changes")
    actions = [
        status_action(
            Article.Status.REVIEW,
            _("Submit the selected articles for review"),
            "change",
        ),
        status_action(
            Article.Status.PUBLISHED, _("Publish the selected articles"), "publish"
        ),
        status_action(
            Article.Status.DRAFT, _("Return the selected articles to draft"), "publish"
        ),
        status_action(
            Article.Status.ARCHIVED, _("Archive the selected articles"), "publish"
        ),
        tag_action("topic", True),
        tag_action("topic", False),
        tag_action("region", True),
        tag_action("region", False),
        tag_action("entity", True),
        tag_action("entity", False),
        suggestion_action(True),
        suggestion_action(False),
    ]
    inlines = (SuggestionInline,)

    def get_fieldsets(self, request, obj=None):
        publishing = ("status", "publish_at", "is_featured", "assignee")
        if obj is not None:
            publishing = ("workflow_summary", *publishing)
        return (
            (
                None,
                {
                    "fields": (
                        "title",
                        "standfirst",
                        "body",
                        *(("text_length", "story_note") if obj is not None else ()),
                        "expected_version",
                    )
                },
            ),
            (_("Tagging"), {"fields": ("regions", "topics", "entities", "keywords")}),
            (
                _("Source"),
                {
                    "fields": (
                        "source",
                        "original_url",
                        "original_published_on",
                        "dateline",
                        "dateline_region",
                        "byline",
                        "credit",
                        "language",
                    )
                },
            ),
            (_("Publishing"), {"fields": publishing}),
            (
                _("Image"),
                {
                    "fields": (
                        "featured_image",
                        "featured_image_alt",
                        "featured_image_caption",
                        "featured_image_credit",
                    )
                },
            ),
            (
                _("Advanced options"),
                {
                    "classes": ("collapse",),
                    "fields": ("slug", "created_at", "updated_at"),
                },
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not workflow.can_publish(request.user):
            # Scheduling, featuring and assigning are editors' decisions.
            fields += ["publish_at", "is_featured", "assignee"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(
            form.__name__,
            (form,),
            {
                "user": request.user,
                "restoring": self.is_restoring(request),
                "staged_files": getattr(request, "_staged_files", None),
            },
        )

    def changeform_view(self, request, *args, **kwargs):
        return self._deleting_unsaved_uploads(
            request, super().changeform_view, *args, **kwargs
        )

    def history_form_view(self, request, *args, **kwargs):
        return self._deleting_unsaved_uploads(
            request, super().history_form_view, *args, **kwargs
        )

    @staticmethod
    def _deleting_unsaved_uploads(request, view, *args, **kwargs):
        """Uploads are stored while the form is validated; whatever a request
        stored that no article refers to when it ends (an invalid form, a
        refused or failed save, rolled back) is deleted."""
        request._staged_files = []
        try:
            return view(request, *args, **kwargs)
        finally:
            images.delete_unreferenced(request._staged_files)

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("source", "created_by", "status_changed_by")
            .prefetch_related("regions", "topics", "tagged_entities")
        )
        match = request.resolver_match
        if match and match.url_name == "articles_article_changelist":
            queryset = queryset.defer("body")
        return queryset

    def get_search_results(self, request, queryset, search_term):
        """Words in the title, standfirst or body (title matches first), through
        the full-text index; or an article's exact slug."""
        if not search_term.strip():
            return queryset, False
        ids = search.matching_ids(
            Article.objects.all(), search_term, settings.WARTA_ADMIN_SEARCH_LIMIT
        )
        return queryset.filter(Q(pk__in=ids) | Q(slug=search_term.strip())), False

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if allowed and obj is not None:
            return workflow.can_view(request.user, obj)
        return allowed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None:
            return workflow.can_edit(request.user, obj)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None:
            return workflow.can_delete(request.user, obj)
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user):
            # Bulk deletion would bypass the per-article check on others' work.
            actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        reason = ""
        if self.is_restoring(request):
            reason = self._prepare_restore(request, obj, form)
        services.article_update(
            article=obj,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            tags=form.tags(),
            reason=reason,
        )
        # The service has set the tags; the history view would set them again.
        form.save_m2m = lambda: None

    def _prepare_restore(self, request, obj, form):
        """Restoring a revision: what cannot come back is kept as it is now, and
        the editor is told."""
        current = request._history_current
        if obj.featured_image != current.featured_image:
            # Replaced images are deleted; the current one stays.
            obj.featured_image = current.featured_image
            obj.featured_image_alt = current.featured_image_alt
            self.message_user(
                request,
                _("The image was not restored: replaced images are not kept."),
                messages.WARNING,
            )
        obj.image_renditions = current.image_renditions
        obj.image_width, obj.image_height = current.image_width, current.image_height
        missing = getattr(form, "missing_tags", [])
        if missing:
            self.message_user(
                request,
                _("Not restored, because they no longer exist: %(names)s.")
                % {"names": ", ".join(missing)},
                messages.WARNING,
            )
        return _("Restored the revision of %(when)s") % {
            "when": date_format(
                localtime(form.revision.history_date), "DATETIME_FORMAT"
            )
        }

    def save_related(self, request, form, formsets, change):
        # Tags were set by ``services.article_update`` (see ``save_model``).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Suggestion:
            return super().save_formset(request, form, formset, change)
        # Decisions go through the services, which tag the article.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        for suggestion_form in formset.forms:
            if "status" not in suggestion_form.changed_data:
                continue
            suggestion = suggestion_form.instance
            decision = suggestion_form.cleaned_data["status"]
            suggestion.status = Suggestion.Status.PENDING
            if decision == Suggestion.Status.ACCEPTED:
                suggestion_services.suggestion_accept(
                    suggestion=suggestion, by=request.user
                )
            elif decision == Suggestion.Status.REJECTED:
                suggestion_services.suggestion_reject(
                    suggestion=suggestion, by=request.user
                )
            formset.changed_objects.append((suggestion, ["status"]))
        return None

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()

    @admin.display(description=_("length"))
    def text_length(self, obj):
        minutes = obj.reading_minutes
        return ngettext(
            "%(words)d words · %(minutes)d minute to read",
            "%(words)d words · %(minutes)d minutes to read",
            minutes,
        ) % {"words": obj.word_count, "minutes": minutes}

    @admin.display(description=_("story"))
    def story_note(self, obj):
        return story_admin.story_note(obj)

    @admin.display(description=_("tags changed"))
    def tag_changes(self, record):
        previous = record.prev_record
        lines = history.tag_changes(previous.tags if previous else {}, record.tags)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description=_("workflow"))
    def workflow_summary(self, obj):
        parts = [str(obj.get_status_display())]
        if obj.is_scheduled:
            parts.append(str(_("scheduled")))
        if obj.created_by:
            parts.append(str(_("created by %(user)s")) % {"user": obj.created_by})
        if obj.status_changed_by and obj.status_changed_at:
            parts.append(
                str(_("status set by %(user)s")) % {"user": obj.status_changed_by}
            )
        parts.append(str(_("version %(n)d")) % {"n": obj.version})
        return " · ".join(parts)

    @admin.display(description=_("regions"))
    def region_list(self, obj):
        return ", ".join(region.name for region in obj.regions.all())

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description=_("entities"))
    def entity_count(self, obj):
        return len(obj.tagged_entities.all())
