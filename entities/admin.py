from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Entity, EntityAlias, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
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
    extra = 1


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "parent", "alias_list", "article_count")
    list_filter = ("kind", ("region", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug", "aliases__name")
    list_select_related = ("region", "parent")
    autocomplete_fields = ("region", "parent")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    inlines = (EntityAliasInline,)
    fieldsets = (
        (None, {"fields": ("name", "kind", "description", "region", "parent")}),
        (_("Advanced options"), {"classes": ("collapse",), "fields": ("slug",)}),
    )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name == "entities_entity_changelist":
            # Only the list shows counts; autocomplete and the change form would pay
            # for an aggregate over every tag they never display.
            queryset = queryset.annotate(
                article_total=Count("tagged_articles", distinct=True)
            ).prefetch_related("aliases")
        return queryset

    @admin.display(description=_("aliases"))
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total
