from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils.translation import gettext_lazy as _

from entities.models import Entity

from .models import Article


class ArticleAdminForm(forms.ModelForm):
    """The article form of the admin.

    Entities are picked from the existing vocabulary by name or alias (an
    autocomplete over ``EntityAdmin.search_fields``) instead of taggit's free-text
    field, which would silently create a new entity for every typo.
    """

    entities = forms.ModelMultipleChoiceField(
        label=_("Entities"),
        queryset=Entity.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(
            Article._meta.get_field("entities"), admin.site
        ),
        help_text=_("People, organisations and places the article mentions."),
    )

    original_url = forms.URLField(
        label=_("original URL"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "standfirst",
            "body",
            "regions",
            "topics",
            "entities",
            "keywords",
            "source",
            "original_url",
            "original_published_on",
            "dateline",
            "dateline_region",
            "byline",
            "credit",
            "language",
            "status",
            "publish_at",
            "is_featured",
            "featured_image",
            "featured_image_alt",
        )
