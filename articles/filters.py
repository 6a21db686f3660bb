"""The filterable article list: one FilterSet, every parameter validated by its form."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from entities.models import Entity, Region

from .models import Article, Source, Topic


class ArticleFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        method="filter_region",
        help_text=_("Includes every sub-region."),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        help_text=_("Includes sub-topics."),
    )
    entity = django_filters.ModelMultipleChoiceFilter(
        label=_("Entity"),
        field_name="entities__slug",
        to_field_name="slug",
        queryset=Entity.objects.all(),
        conjoined=True,
        widget=forms.MultipleHiddenInput,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Mentions a"),
        choices=Entity.Kind.choices,
        method="filter_kind",
        empty_label=_("any kind of entity"),
    )
    source = django_filters.ModelChoiceFilter(
        label=_("Source"),
        queryset=Source.objects.all(),
        to_field_name="slug",
    )
    date_from = django_filters.DateFilter(
        label=_("Published from"),
        field_name="publish_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("Published until"),
        field_name="publish_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ()
        form = ArticleFilterForm

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_topic(self, queryset, name, value):
        return queryset.in_topic(value)

    def filter_kind(self, queryset, name, value):
        return queryset.mentioning_kind(value)
