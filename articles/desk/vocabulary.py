"""The vocabulary's admin: topics and sources, and the entity admin with what
only the articles app knows (``entities`` never imports ``articles``): how many
published articles mention an entity, and which entities its newest ones
mention with it.

Both are bounded like the public entity page (issue 19, item 5): the list
reads the public counts kept in ``PublicCount`` (one indexed lookup per row,
in the page's one query, instead of counting every tag), and the change form
counts co-mentions over the same window of newest published articles as the
entity's public page, with the same code, and says so.
"""

import contextlib

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import editorial, publiccounts
from articles.models import PublicCount, Source, Topic
from articles.publiccounts import recount as counts
from articles.site import listing, related
from entities.admin import EntityAdmin
from entities.admin_base import GuardedHistoryAdmin, VersionedForm
from entities.models import Entity


class EntityCoverageAdmin(EntityAdmin):
    """Registered for ``Entity`` in place of ``EntityAdmin`` (below)."""

    list_display = (*EntityAdmin.list_display, "published_count")
    readonly_fields = ("co_mentioned", *EntityAdmin.readonly_fields)
    fieldsets = (
        (None, {"fields": ("name", "kind", "description", "region", "parent")}),
        (_("Coverage"), {"fields": ("co_mentioned", "split_link")}),
        (_("Advanced options"), {"classes": ("collapse",), "fields": ("slug",)}),
    )

    def changelist_view(self, request, extra_context=None):
        # Recount what writes marked stale (once per content stamp) before the
        # list reads the counts; if another worker is at it, the counts as
        # they stand.
        with contextlib.suppress(counts.RecountBusy):
            publiccounts.counts_up_to_date()
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_changelist(request):
            # Only the list shows counts; autocomplete and the change form
            # would pay for a lookup they never display.
            public = PublicCount.objects.filter(
                kind=counts.ENTITY, object_id=OuterRef("pk")
            )
            queryset = queryset.annotate(
                published_total=Coalesce(Subquery(public.values("count")[:1]), Value(0))
            )
        return queryset

    @admin.display(description=_("published articles"), ordering="published_total")
    def published_count(self, obj):
        # The count on the entity's public page: published articles, each
        # story once. Drafts and articles in review are not counted.
        return obj.published_total

    @admin.display(description=_("Mentioned together with"))
    def co_mentioned(self, obj):
        if not obj.pk:
            return "–"
        # The public entity page's window and count (``EntityDetailView``).
        entity = Entity.objects.frequent(settings.WARTA_FREQUENT_ENTITY).get(pk=obj.pk)
        window = listing.Window.of(listing.articles_mentioning(entity=entity))
        others = related.co_mentioned_entities(entity=entity, ids=window.ids)
        names = format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (reverse("admin:entities_entity_change", args=[o.pk]), o.name, o.shared)
                for o in others
            ),
        )
        return format_html(
            '{}<br><span class="quiet">{}</span>',
            names or "–",
            self.window_note(entity, window),
        )

    @staticmethod
    def window_note(entity, window):
        """What the co-mentions were counted over: all of the entity's public
        articles, or the newest of them (the window is full)."""
        found = len(window.ids)
        if not found:
            return _("No published article mentions %(name)s yet.") % {
                "name": entity.name
            }
        if not window.truncated:
            # The window holds every published article of the entity.
            return ngettext(
                "Counted over the one published article that mentions %(name)s.",
                "Counted over all %(count)d published articles that mention %(name)s.",
                found,
            ) % {"count": found, "name": entity.name}
        return ngettext(
            "Counted over the newest published article that mentions %(name)s.",
            "Counted over the newest %(count)d published articles that mention "
            "%(name)s.",
            found,
        ) % {"count": found, "name": entity.name}


class TopicAdminForm(VersionedForm):
    """The topic form: a save based on an older version is refused."""

    class Meta:
        model = Topic
        fields = ("name", "slug", "parent", "description", "iptc_code", "keywords")


@admin.register(Topic)
class TopicAdmin(GuardedHistoryAdmin):
    """Topics, with their history (restore a revision) and the article form's
    stale-save refusal; saved through ``editorial.topic_update``."""

    form = TopicAdminForm
    fieldsets = (
        (None, {"fields": ("name", "slug", "parent", "description")}),
        (_("Classification"), {"fields": ("iptc_code", "keywords")}),
    )
    list_display = ("name", "parent", "iptc_code")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "slug", "description")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        reason = _("Restored an earlier revision") if self.is_restoring(request) else ""
        editorial.topic_update(
            topic=obj,
            by=request.user,
            reason=str(reason),
            expected_version=form.cleaned_data.get("expected_version"),
        )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "homepage", "region", "language")
    list_filter = ("kind", "language")
    search_fields = ("name", "slug", "homepage")
    list_select_related = ("region",)
    autocomplete_fields = ("region",)
    prepopulated_fields = {"slug": ("name",)}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # A partner feed's state, written by its poll job (articles.jobs.feeds).
    readonly_fields = ("feed_last_success", "feed_last_error", "feed_next_poll")


admin.site.unregister(Entity)
admin.site.register(Entity, EntityCoverageAdmin)
