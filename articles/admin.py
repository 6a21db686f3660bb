from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .forms import ArticleAdminForm
from .models import Article, Source, Topic


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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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
        "status",
        "is_featured",
        NoSourceFilter,
        ("source", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    search_fields = ("title", "standfirst", "slug")
    date_hierarchy = "publish_at"
    list_select_related = ("source",)
    list_per_page = 50
    # The unfiltered total costs a second COUNT(*) over the whole table.
    show_full_result_count = False
    autocomplete_fields = ("source", "dateline_region", "regions", "topics")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "standfirst", "body")}),
        (
            _("Tagging"),
            {"fields": ("regions", "topics", "entities", "keywords")},
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
        (
            _("Publishing"),
            {"fields": ("status", "publish_at", "is_featured")},
        ),
        (_("Image"), {"fields": ("featured_image", "featured_image_alt")}),
        (
            _("Advanced options"),
            {"classes": ("collapse",), "fields": ("slug", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("regions", "topics", "tagged_entities")
        )

    @admin.display(description=_("regions"))
    def region_list(self, obj):
        return ", ".join(region.name for region in obj.regions.all())

    @admin.display(description=_("topics"))
    def topic_list(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description=_("entities"))
    def entity_count(self, obj):
        return len(obj.tagged_entities.all())
