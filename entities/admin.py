from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .admin_base import (
    GuardedHistoryAdmin,
    LabelledInlineFormSet,
    PlainCheckboxAdmin,
    VersionedForm,
)
from .admin_split import EntitySplitAdmin
from .models import Entity, EntityAlias, EntityMerge, Region


@admin.register(Region)
class RegionAdmin(PlainCheckboxAdmin, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name", "code", "slug")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("path",)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "code", "parent")}),
        (_("Advanced options"), {"classes": ("collapse",), "fields": ("path",)}),
    )


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    formset = LabelledInlineFormSet
    extra = 1


class EntityAdminForm(VersionedForm):
    """The entity form: the slug is derived from the name when left empty; a
    save based on an older version is refused (``VersionedForm``)."""

    class Meta:
        model = Entity
        fields = ("name", "kind", "description", "region", "parent", "slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A reader without change permission gets the form without its
        # fields (they are shown read-only).
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The entity's address; derived from the name when left empty."
            )


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        label=_("Keep"),
        queryset=Entity.objects.none(),
        widget=forms.RadioSelect,
        help_text=_(
            "The others are merged into it: their articles, aliases and names move "
            "to it, and each merge can be undone from the merge log."
        ),
    )


@admin.register(Entity)
class EntityAdmin(EntitySplitAdmin, PlainCheckboxAdmin, GuardedHistoryAdmin):
    """The vocabulary's side of the entity admin. What depends on articles (how
    many mention an entity, what they mention with it) is added by the articles
    app (``articles.desk.vocabulary``), which registers its subclass instead:
    ``entities`` never imports ``articles``."""

    form = EntityAdminForm
    prepopulated_fields = {"slug": ("name",)}
    list_display = ("name", "kind", "region", "parent", "alias_list")
    list_filter = ("kind", ("region", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug", "aliases__name")
    list_select_related = ("region", "parent")
    autocomplete_fields = ("region", "parent")
    ordering = ("name",)
    inlines = (EntityAliasInline,)
    readonly_fields = ("split_link",)
    actions = ("merge_entities",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "description", "region", "parent")}),
        (_("Coverage"), {"fields": ("split_link",)}),
        (_("Advanced options"), {"classes": ("collapse",), "fields": ("slug",)}),
    )

    @staticmethod
    def is_changelist(request):
        match = request.resolver_match
        return bool(match and match.url_name == "entities_entity_changelist")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.is_changelist(request):
            # Only the list shows aliases; autocomplete and the change form
            # would load ones they never display.
            queryset = queryset.prefetch_related("aliases")
        return queryset

    def get_urls(self):
        return [
            path(
                "<int:object_id>/split/",
                self.admin_site.admin_view(self.split_view),
                name="entities_entity_split",
            ),
            *super().get_urls(),
        ]

    def has_merge_permission(self, request):
        return request.user.has_perm("entities.merge_entity")

    def save_model(self, request, obj, form, change):
        reason = _("Restored an earlier revision") if self.is_restoring(request) else ""
        services.entity_update(
            entity=obj,
            by=request.user,
            reason=reason,
            expected_version=form.cleaned_data.get("expected_version"),
        )
        self._warn_name_taken(request, obj)

    def _warn_name_taken(self, request, entity):
        """A name that is another entity's alias makes the extractor and the
        search find two entities for one written name: say so (saving is
        still allowed: two people can share a name)."""
        others = (
            Entity.objects.filter(aliases__name__iexact=entity.name)
            .exclude(pk=entity.pk)
            .distinct()
        )
        for other in others[:3]:
            self.message_user(
                request,
                _(
                    "“%(name)s” is also an alias of %(other)s: articles that write "
                    "it can be tagged with either. If they are the same, merge "
                    "them; if not, remove the alias from %(other)s."
                )
                % {"name": entity.name, "other": other.name},
                messages.WARNING,
            )

    @admin.display(description=_("aliases"))
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description=_("Split"))
    def split_link(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:entities_entity_split", args=[obj.pk]),
            _("Split into two entities…"),
        )

    @admin.action(description=_("Merge the selected entities"), permissions=["merge"])
    def merge_entities(self, request, queryset):
        form = MergeForm(request.POST if "apply" in request.POST else None)
        form.fields["survivor"].queryset = Entity.objects.filter(
            pk__in=queryset.values("pk")
        )
        if queryset.values("pk").distinct().count() < 2:
            self.message_user(
                request, _("Select at least two entities to merge."), messages.WARNING
            )
            return None
        if form.is_bound and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            logs = services.entity_merge(
                survivor=survivor,
                others=Entity.objects.filter(pk__in=queryset.values("pk")).exclude(
                    pk=survivor.pk
                ),
                by=request.user,
            )
            self.message_user(
                request,
                _("Merged %(names)s into %(survivor)s.")
                % {
                    "names": ", ".join(log.merged_name for log in logs),
                    "survivor": survivor,
                },
                messages.SUCCESS,
            )
            return None
        # Counted on the entities themselves: the list's search joins aliases,
        # which would count an article once per matching alias.
        entities = list(
            Entity.objects.filter(pk__in=queryset.values("pk"))
            .annotate(
                article_total=Count("tagged_articles", distinct=True),
                alias_total=Count("aliases", distinct=True),
            )
            .order_by("-article_total", "name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge entities"),
            "opts": self.model._meta,
            "form": form,
            "entities": entities,
            "survivor": form.data.get("survivor") or entities[0].pk,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/entities/entity/merge.html", context)


@admin.register(EntityMerge)
class EntityMergeAdmin(admin.ModelAdmin):
    list_display = ("merged_name", "survivor", "merged_by", "merged_at", "undone_at")
    list_filter = (("undone_at", admin.EmptyFieldListFilter),)
    search_fields = ("merged_name", "survivor__name")
    list_select_related = ("survivor", "merged_by")
    readonly_fields = (
        "survivor",
        "merged_name",
        "snapshot",
        "merged_by",
        "merged_at",
        "undone_at",
    )
    actions = ("undo_merges",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_undo_permission(self, request):
        return request.user.has_perm("entities.merge_entity")

    @admin.action(description=_("Undo the selected merges"), permissions=["undo"])
    def undo_merges(self, request, queryset):
        merges = list(
            queryset.filter(undone_at__isnull=True)
            .select_related("survivor")
            .order_by("-merged_at")
        )
        if "apply" not in request.POST:
            # Say exactly what undoing will change before doing it.
            context = {
                **self.admin_site.each_context(request),
                "title": _("Undo entity merges"),
                "opts": self.model._meta,
                "merges": [
                    {
                        "merge": merge,
                        "aliases": merge.snapshot.get("aliases", []),
                        "articles": len(merge.snapshot.get("articles", [])),
                        "shared": len(
                            merge.snapshot.get("articles_already_on_survivor", [])
                        ),
                    }
                    for merge in merges
                ],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/entities/entitymerge/undo.html", context
            )
        for merge in merges:
            try:
                restored = services.entity_merge_undo(merge=merge, by=request.user)
            except ValidationError as exc:
                self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Restored %(name)s.") % {"name": restored},
                    messages.SUCCESS,
                )
