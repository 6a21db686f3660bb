"""The standing pages in the admin: rich text in both languages, every save a
revision (history and restore, as for articles)."""

from django import forms
from django.contrib import admin

from articles.desk.forms import BodyEditorWidget
from articles.models import StandingPage
from entities.admin_base import GuardedHistoryAdmin


class StandingPageForm(forms.ModelForm):
    class Meta:
        model = StandingPage
        fields = ("slug", "title", "body", "title_en", "body_en")
        widgets = {
            "body": BodyEditorWidget,
            "body_en": BodyEditorWidget,
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "title_en": forms.TextInput(attrs={"class": "vLargeTextField"}),
        }


@admin.register(StandingPage)
class StandingPageAdmin(GuardedHistoryAdmin):
    form = StandingPageForm
    list_display = ("title", "slug", "updated_at")
    readonly_fields = ("updated_at",)

    def view_on_site(self, obj):
        return obj.get_absolute_url()
