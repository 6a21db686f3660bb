"""Corrections in the admin: an editor adds one to a published article
(``editorial.article_correct`` writes it); once published it stays as written,
as a correction log must."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from articles import editorial
from articles.models import ArticleCorrection


@admin.register(ArticleCorrection)
class ArticleCorrectionAdmin(admin.ModelAdmin):
    list_display = ("article", "kind", "published_at", "created_by")
    list_filter = ("kind",)
    list_select_related = ("article", "created_by")
    search_fields = ("text", "article__title")
    autocomplete_fields = ("article",)
    fields = ("article", "kind", "text")
    date_hierarchy = "published_at"

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else ()

    def has_change_permission(self, request, obj=None):
        # Viewing only: a published correction is not rewritten (add another).
        return False if obj is not None else super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = editorial.article_correct(
                article=obj.article, kind=obj.kind, text=obj.text, by=request.user
            )
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            raise
        obj.pk, obj.published_at = saved.pk, saved.published_at
