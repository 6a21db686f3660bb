"""The article admin: its list (filters, columns, search, bulk actions) and
its form (``editing``), with the row rules of ``models.workflow``."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles import editorial
from articles.desk import queues as desk
from articles.desk.actions import status_action, tag_action
from articles.desk.changelist import ArticleListPages, ThroughFieldListFilter
from articles.desk.columns import ArticleColumns
from articles.desk.compare import RevisionCompare
from articles.desk.coverage import coverage_view
from articles.desk.drafts import DraftEditing
from articles.desk.editing import ArticleEditing
from articles.desk.filters import (
    DeskFilter,
    NoSourceFilter,
    SourceFilter,
    WorkflowFilter,
)
from articles.desk.forms import ArticleAdminForm
from articles.desk.inbox import InboxView
from articles.desk.jobs import review_view_with_jobs
from articles.desk.layout import ArticleFormLayout
from articles.desk.live import live_urls
from articles.facts.admin import FactInline, fact_action
from articles.jobs.pages import import_view
from articles.models import Article, ArticleNote, workflow
from articles.site import search
from articles.stories import admin as story_admin
from articles.suggestions.admin import suggestion_action
from entities.admin_base import GuardedHistoryAdmin, PlainCheckboxAdmin


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


@admin.register(Article)
class ArticleAdmin(
    ArticleListPages,
    DraftEditing,
    RevisionCompare,
    ArticleEditing,
    ArticleFormLayout,
    ArticleColumns,
    PlainCheckboxAdmin,
    GuardedHistoryAdmin,
):
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
        ("source", SourceFilter),
        ("topics", ThroughFieldListFilter),
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
        fact_action(True),
        fact_action(False),
    ]
    inlines = (FactInline, ArticleNoteInline)

    def lookup_allowed(self, lookup, value, request=None):
        # The coverage dashboard's cells: a province's subtree since a date.
        if lookup in ("regions__path__startswith", "publish_at__gte", "topics__id__in"):
            return True
        return super().lookup_allowed(lookup, value, request)

    def get_inlines(self, request, obj):
        # The facts' inline only where there are facts to review.
        if obj is None or not obj.facts.exists():
            return (ArticleNoteInline,)
        return self.inlines

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("source", "created_by", "status_changed_by", "assignee")
        )
        match = request.resolver_match
        if match and match.url_name == "articles_article_changelist":
            # The list shows none of the texts (the largest columns).
            queryset = queryset.defer("body", "body_text", "standfirst")
        return queryset

    def get_ordering(self, request):
        # A queue lists in its own order (the review queue newest submission
        # first), not by publish time, which articles in review do not have.
        return desk.list_ordering(request.GET) or super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        """Every article with each word (or a word it begins: "Krakat" finds
        "Krakatau") in its title, standfirst or body, through the full-text
        index, or tagged with an entity so named; or an article's exact slug.

        A condition on the queryset, never a capped list of ids: the list's
        filters apply to every match and the count shown is the true one."""
        if not search_term.strip():
            return queryset, False
        condition = Q(slug=search_term.strip())
        found = search.matching_q(search_term, prefix=True)
        if found is not None:
            condition |= found
        return queryset.filter(condition), False

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # An article outside the person's rows (another contributor's draft)
        # is not "deleted": say it is not hers to open, and nothing else
        # about it (no title, no author).
        key = unquote(str(object_id))
        if key.isascii() and key.isdigit() and Article.objects.filter(pk=key).exists():
            self.message_user(
                request,
                _(
                    "Article %(key)s is not yours to open: only its author, the "
                    "person it is assigned to and editors may. Ask an editor to "
                    "assign it to you."
                )
                % {"key": key},
                messages.WARNING,
            )
            return redirect("admin:index")
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

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
            return workflow.can_change(request.user, obj)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None:
            return workflow.can_delete(request.user, obj)
        return allowed

    def get_deleted_objects(self, objs, request):
        """The confirm page of a deletion: the articles, and what goes with them
        by kind (suggestions, notes, story memberships), never their internal
        rows one by one ("Article_regions object (39620)"). Those rows are the
        article's own: deleting it needs no permission on them."""
        _rows, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        owned = {str(m._meta.verbose_name) for m in editorial.owned_by_article()}
        shown = [
            (m._meta.verbose_name_plural, counts.get(m._meta.verbose_name_plural))
            for m in editorial.owned_by_article(shown=True)
        ]
        articles = [
            format_html(
                '{}: <a href="{}">{}</a>',
                capfirst(Article._meta.verbose_name),
                reverse("admin:articles_article_change", args=[obj.pk]),
                obj,
            )
            for obj in objs
        ]
        with_them = [f"{n} {name}" for name, n in shown if n]
        summary = {Article._meta.verbose_name_plural: len(articles)}
        summary.update({name: n for name, n in shown if n})
        return (
            [*articles, with_them] if with_them else articles,
            summary,
            {name for name in perms_needed if name not in owned},
            protected,
        )

    def delete_model(self, request, obj):
        editorial.article_delete(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        editorial.articles_delete(articles=queryset, by=request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not workflow.can_publish(request.user):
            # Bulk deletion would bypass the per-article check on others' work.
            actions.pop("delete_selected", None)
        return actions

    def get_urls(self):
        return [
            path(
                "<int:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "inbox/",
                self.admin_site.admin_view(
                    InboxView.as_view(admin_site=self.admin_site)
                ),
                name="articles_inbox",
            ),
            path(
                "coverage/",
                self.admin_site.admin_view(
                    lambda request: coverage_view(self, request)
                ),
                name="articles_coverage",
            ),
            path(
                "import/",
                self.admin_site.admin_view(lambda request: import_view(self, request)),
                name="articles_import",
            ),
            path(
                "<int:object_id>/suggestions/",
                self.admin_site.admin_view(
                    lambda request, object_id: review_view_with_jobs(
                        self, request, object_id
                    )
                ),
                name="articles_article_suggestions",
            ),
            *live_urls(self),
            *super().get_urls(),
        ]
