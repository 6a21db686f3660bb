from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from entities.admin_base import (
    GuardedHistoryAdmin,
    PlainCheckboxAdmin,
    run_all_or_nothing,
)
from entities.models import Entity

from . import desk, history, images, listing, recovery, search, services, workflow
from .entity_admin import EntityCoverageAdmin
from .forms import ArticleAdminForm, BulkTagForm, ImportForm
from .importing import staging
from .importing.parsers import ImportFailed
from .importing.service import import_batch, parse_all
from .models import Article, ArticleNote, Source, Topic
from .stories import admin as story_admin
from .suggestions.admin import review_view, suggestion_action
from .suggestions.models import Suggestion

# The entity admin with the counts and co-mentions only articles know
# (``entities`` never imports ``articles``).
admin.site.unregister(Entity)
admin.site.register(Entity, EntityCoverageAdmin)


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


class DeskFilter(admin.SimpleListFilter):
    """The desk's queues (``articles.desk``): every count on the desk links here."""

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


class ArticleNoteInline(admin.StackedInline):
    """A new internal note (the thread itself is shown above, read-only)."""

    model = ArticleNote
    fields = ("text",)
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = _("new internal note")
    verbose_name_plural = _("write an internal note")

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["text"].required = False
        formset.form.base_fields["text"].widget.attrs.update(
            rows=2,
            placeholder=_("Only the newsroom sees notes. @username tells a colleague."),
        )
        return formset


class ArticleChangeList(ChangeList):
    """The article changelist; its rows carry ``listed_tags`` (regions, topics
    and entities of all of them in one query) for the tag column."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        listing.attach_tags(self.result_list)


@admin.register(Article)
class ArticleAdmin(PlainCheckboxAdmin, GuardedHistoryAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "status_badge",
        "source_and_tags",
        "people",
        "last_edited",
    )
    list_filter = (
        DeskFilter,
        WorkflowFilter,
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
    # Long forms: the workflow buttons at the top too.
    save_on_top = True
    # The unfiltered total costs a second COUNT(*) over the whole table.
    show_full_result_count = False
    autocomplete_fields = ("source", "dateline_region", "regions", "topics")
    raw_id_fields = ()
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (
        "workflow_summary",
        "text_length",
        "notes_thread",
        "suggestion_summary",
        "story_note",
        "created_at",
        "updated_at",
    )
    history_list_display = ("status_label", "version", "tag_changes")
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
    inlines = (ArticleNoteInline,)

    def get_fieldsets(self, request, obj=None):
        publishing = ("publish_at", "is_featured", "assignee")
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
            (
                _("Tagging"),
                {
                    "fields": (
                        *(("suggestion_summary",) if obj is not None else ()),
                        "regions",
                        "topics",
                        "entities",
                        "keywords",
                    )
                },
            ),
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
            *(
                ((_("Internal notes"), {"fields": ("notes_thread",)}),)
                if obj is not None
                else ()
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
                "reapplied": getattr(request, "_reapplied", None),
            },
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self._editable(request, object_id)
        entry = recovery.kept(request, article) if article else None
        if entry and request.method == "GET":
            if "discard_refused" in request.GET:
                recovery.forget(request, article)
                self.message_user(request, _("Your refused edits were discarded."))
                return redirect(request.path)
            refused = recovery.compare(self.get_form(request, article), article, entry)
            if refused and "reapply" in request.GET:
                request._reapplied = refused.values
                self.message_user(
                    request,
                    _(
                        "Your edits are in the form, on top of the current version. "
                        "Check them, then save."
                    ),
                    messages.WARNING,
                )
            extra_context = {**(extra_context or {}), "refused": refused}
        response = self._deleting_unsaved_uploads(
            request,
            super().changeform_view,
            object_id,
            form_url,
            extra_context,
        )
        context = getattr(response, "context_data", None) or {}
        adminform = context.get("adminform")
        if article and adminform and recovery.refused_as_stale(adminform.form):
            # Keep what was refused, and show it beside the current version.
            recovery.keep(request, article, request.POST, request.FILES)
            context["refused"] = recovery.compare(
                self.get_form(request, article),
                article,
                recovery.kept(request, article),
            )
        return response

    def _editable(self, request, object_id):
        """The article of a change page the user may edit (else ``None``)."""
        if object_id is None:
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_change_permission(request, article):
            return None
        return article

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
            .select_related("source", "created_by", "status_changed_by", "assignee")
        )
        match = request.resolver_match
        if match and match.url_name == "articles_article_changelist":
            queryset = queryset.defer("body")
        return queryset

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

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
        if formset.model is ArticleNote:
            for note_form in formset.forms:
                text = note_form.cleaned_data.get("text", "").strip()
                if text:
                    services.note_add(article=form.instance, text=text, by=request.user)
            formset.new_objects = formset.changed_objects = []
            formset.deleted_objects = []
            return None
        return super().save_formset(request, form, formset, change)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_import",
            ),
            path(
                "<int:object_id>/suggestions/",
                self.admin_site.admin_view(
                    lambda request, object_id: review_view(self, request, object_id)
                ),
                name="articles_article_suggestions",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload files, see what importing them would do, then confirm: the
        same all-or-nothing service as ``manage.py import_articles``."""
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import articles"),
            "opts": self.model._meta,
        }
        token = request.POST.get("token", "")
        if request.method == "POST" and "confirm" in request.POST:
            paths = staging.files(token)
            if paths is None:
                self.message_user(
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
            self.message_user(
                request,
                _("Imported %(new)d article(s); %(skipped)d already here.")
                % {"new": len(report.created), "skipped": len(report.duplicates)},
                messages.SUCCESS,
            )
            return redirect(
                reverse("admin:articles_article_changelist") + "?desk=imports"
            )
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

    BUTTON_LABELS = {
        "review": _("Submit for review"),
        "publish": _("Publish now"),
        "schedule": _("Schedule"),
        "draft": _("Return to draft"),
        "archive": _("Archive"),
    }

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        stored = Article.objects.filter(pk=obj.pk).first() if obj and obj.pk else None
        if context.get("has_change_permission", True) or add:
            names = workflow.buttons_for(
                request.user,
                current=stored.status if stored else Article.Status.DRAFT,
                scheduled=bool(stored and stored.is_scheduled),
            )
            context["workflow_buttons"] = [
                (name, self.BUTTON_LABELS[name], name) for name in names
            ]
        return super().render_change_form(request, context, add, change, **kwargs)

    def _after_transition(self, request):
        # A workflow button keeps the editor on the article, to see the result.
        if request.POST.get("transition") and "_continue" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"

    def response_change(self, request, obj):
        recovery.forget(request, obj)
        self._after_transition(request)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._after_transition(request)
        return super().response_add(request, obj, post_url_continue)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else obj.get_preview_url()

    @admin.display(description=_("suggestions"))
    def suggestion_summary(self, obj):
        pending = obj.suggestions.filter(status=Suggestion.Status.PENDING).count()
        url = reverse("admin:articles_article_suggestions", args=[obj.pk])
        if not pending:
            return format_html('<a href="{}">{}</a>', url, _("None pending"))
        return format_html(
            '<a class="button" href="{}">{}</a>',
            url,
            ngettext(
                "Review %(count)d suggestion", "Review %(count)d suggestions", pending
            )
            % {"count": pending},
        )

    @admin.display(description=_("notes"))
    def notes_thread(self, obj):
        notes = list(obj.notes.select_related("author")) if obj.pk else []
        if not notes:
            return _("No notes yet.")
        return format_html(
            '<ol class="notes">{}</ol>',
            format_html_join(
                "",
                '<li><span class="meta">{} · {}</span><br>{}</li>',
                (
                    (
                        note.author or "–",
                        date_format(localtime(note.created_at), "j M Y, H.i"),
                        linebreaksbr(note.text),
                    )
                    for note in notes
                ),
            ),
        )

    @admin.display(description=_("length"))
    def text_length(self, obj):
        minutes = obj.reading_minutes
        return ngettext(
            "%(words)d words · %(minutes)d minute to read",
            "%(words)d words · %(minutes)d minutes to read",
            minutes,
        ) % {"words": obj.word_count, "minutes": minutes}

    @admin.display(description=_("status"))
    def status_label(self, record):
        return record.get_status_display()

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
        parts = []
        if obj.created_by:
            parts.append(str(_("created by %(user)s")) % {"user": obj.created_by})
        if obj.status_changed_by and obj.status_changed_at:
            parts.append(
                str(_("status set by %(user)s")) % {"user": obj.status_changed_by}
            )
        parts.append(str(_("version %(n)d")) % {"n": obj.version})
        return format_html("{} · {}", self.status_badge(obj), " · ".join(parts))

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        """Where the article stands; a scheduled article says when it goes live."""
        if obj.is_scheduled:
            label = _("Scheduled · %(when)s") % {
                "when": date_format(localtime(obj.publish_at), "j M, H.i")
            }
            state = "scheduled"
        else:
            label, state = obj.get_status_display(), obj.status
        star = (
            format_html(' <span class="featured" title="{}">★</span>', _("featured"))
            if obj.is_featured
            else ""
        )
        return format_html(
            '<span class="status status-{}">{}</span>{}', state, label, star
        )

    @admin.display(description=_("source and tags"), ordering="source__name")
    def source_and_tags(self, obj):
        """Where the article comes from, and what it is tagged with (one column,
        so the title keeps its room)."""
        tags = self.tag_summary(obj)
        if not obj.source and tags == "–":
            return "–"
        return format_html(
            '<span class="source">{}</span><span class="tags">{}</span>',
            obj.source.name if obj.source else "–",
            tags,
        )

    @admin.display(description=_("tags"))
    def tag_summary(self, obj):
        """Counts of regions, topics and entities; the names in a tooltip."""
        tags = listing.tags_of(obj)  # ArticleChangeList attached them
        groups = [
            (tags.regions, _("region"), _("regions")),
            (tags.topics, _("topic"), _("topics")),
            (tags.entities, _("entity"), _("entities")),
        ]
        parts, names = [], []
        for items, one, many in groups:
            if items:
                # No break inside "3 topics"; the column wraps between groups.
                parts.append(f"{len(items)}\u00a0{one if len(items) == 1 else many}")
                names += [item.name for item in items]
        if not parts:
            return "–"
        return format_html(
            '<span title="{}">{}</span>', ", ".join(names), " · ".join(parts)
        )

    @admin.display(description=_("author"))
    def people(self, obj):
        author = obj.created_by.get_username() if obj.created_by else "–"
        if obj.assignee_id and obj.assignee_id != obj.created_by_id:
            return f"{author} → {obj.assignee.get_username()}"
        return author

    @admin.display(description=_("last edited"), ordering="updated_at")
    def last_edited(self, obj):
        when = localtime(obj.updated_at)
        if when.date() == localtime().date():
            return date_format(when, "H.i")
        return date_format(when, "j M Y")
