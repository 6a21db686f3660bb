"""The standing pages in the admin (rich text in both languages, every save a
revision: history and restore, as for articles) and the authors' profiles."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.desk.forms import BodyEditorWidget, SafeImageField
from articles.models import Author, StandingPage
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


class AuthorForm(forms.ModelForm):
    photo = SafeImageField(label=_("photo"), required=False)

    class Meta:
        model = Author
        fields = (
            "name",
            "slug",
            "role",
            "bio",
            "photo",
            "links",
            "on_masthead",
            "masthead_order",
        )


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    list_display = ("name", "role", "on_masthead", "masthead_order")
    list_filter = ("on_masthead",)
    search_fields = ("name", "role")
    prepopulated_fields = {"slug": ("name",)}

    def view_on_site(self, obj):
        return obj.get_absolute_url()
