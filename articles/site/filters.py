"""The filterable article list: one FilterSet, every parameter validated by its form."""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles import publiccounts
from articles.freshness import taxonomy
from articles.models import Article
from articles.site import listing
from entities.models import Entity


class FastSelect(forms.Select):
    """A select rendered in Python, as Django's template would render it.

    Django renders every ``<option>`` through its own template include: with the
    list's topics, sources and regions that was about two hundred includes, the
    larger part of a list page's time (issue 19). Same markup, same
    attributes, escaped the same way."""

    # Options named in the newsroom's language (regions, topics): marked with
    # it on pages in another language (WCAG 3.1.2), as links to them are.
    names_in_newsroom_language = False

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        newsroom = settings.LANGUAGE_CODE
        if self.names_in_newsroom_language and value and get_language() != newsroom:
            option["attrs"]["lang"] = newsroom
        return option

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', name, flatatt(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))


class VocabularySelect(FastSelect):
    names_in_newsroom_language = True


class SlugChoiceField(forms.ChoiceField):
    """A choice of region, topic or source by slug, checked against the cached
    taxonomy (no query) and cleaned to the object."""

    widget = FastSelect

    def __init__(self, *, lookup, options, **kwargs):
        self.lookup = lookup
        super().__init__(choices=options, **kwargs)

    def valid_value(self, value):
        return self.lookup(value) is not None

    def clean(self, value):
        value = super().clean(value)
        return self.lookup(value) if value else None


class IsoDateInput(forms.DateInput):
    """``<input type="date">``: its value must be an ISO date, so anything else
    typed into the address is not echoed back (the error says what was wrong)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class SlugChoiceFilter(django_filters.Filter):
    field_class = SlugChoiceField


def region_options(selected=None):
    """Every region with published articles, reachable without a long select:
    the provinces (and foreign countries) with articles, and under the chosen
    one (and each of its chosen ancestors) a group of its sub-regions with
    articles. Counts are rolled up (an article counts for every ancestor)."""
    counts = publiccounts.all_region_counts()
    tax = taxonomy()
    chain = set()
    region = selected
    while region is not None:
        chain.add(region.pk)
        region = tax.regions.get(region.parent_id)

    def label(region):
        return f"{region.name} ({counts[region.pk]})"

    def groups_under(region):
        children = [c for c in tax.region_children(region) if counts.get(c.pk)]
        if not children:
            return []
        groups = [
            (
                _("In %(region)s") % {"region": region.name},
                [(child.slug, label(child)) for child in children],
            )
        ]
        for child in children:
            if child.pk in chain:
                groups += groups_under(child)
        return groups

    options = [("", _("any region"))]
    for region in listing.top_level_regions():
        if counts.get(region.pk):
            options.append((region.slug, label(region)))
            if region.pk in chain:
                options += groups_under(region)
    return options


def public_topic(slug):
    """The topic with ``slug`` if a published article is on it (or on one of its
    sub-topics): a topic only drafts use is not offered, nor accepted."""
    topic = taxonomy().topic_by_slug.get(slug)
    return topic if topic and publiccounts.all_topic_counts().get(topic.pk) else None


def public_source(slug):
    """The source with ``slug`` if a published article has it."""
    source = taxonomy().source_by_slug.get(slug)
    return source if source and publiccounts.source_counts().get(source.pk) else None


def topic_options():
    counts = publiccounts.all_topic_counts()
    topics = sorted(taxonomy().topics.values(), key=lambda t: t.name)
    return [("", _("any topic"))] + [
        (t.slug, t.name) for t in topics if counts.get(t.pk)
    ]


def source_options():
    counts = publiccounts.source_counts()
    sources = sorted(taxonomy().sources.values(), key=lambda s: s.name)
    return [("", _("any source"))] + [
        (s.slug, s.name) for s in sources if counts.get(s.pk)
    ]


def _choice_values(choices) -> set:
    """The values of ``choices``, groups included."""
    values = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            values.update(inner for inner, _label in label)
        else:
            values.add(value)
    return values


class ArticleFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The chosen region's own sub-regions are offered under it; a chosen
        # region without articles stays selected.
        region = taxonomy().region_by_slug.get(str(self.data.get("region", "")))
        field = self.fields.get("region")
        if field:
            field.choices = region_options(region)
            offered = _choice_values(field.choices)
            if region and region.slug not in offered:
                field.choices = [*field.choices, (region.slug, region.name)]

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
    region = SlugChoiceFilter(
        label=_("Region"),
        widget=VocabularySelect,
        lookup=lambda slug: taxonomy().region_by_slug.get(slug),
        options=region_options,
        method="filter_region",
        help_text=_("Includes every sub-region."),
    )
    topic = SlugChoiceFilter(
        label=_("Topic"),
        widget=VocabularySelect,
        lookup=public_topic,
        options=topic_options,
        method="filter_topic",
        help_text=_("Includes sub-topics."),
    )
    entity = django_filters.ModelMultipleChoiceFilter(
        label=_("Entity"),
        to_field_name="slug",
        # Only entities a published article carries: a name only drafts use is
        # refused like an unknown one, never echoed back.
        queryset=listing.public_entities().frequent(settings.WARTA_FREQUENT_ENTITY),
        method="filter_entities",
        widget=forms.MultipleHiddenInput,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Mentions a"),
        choices=Entity.Kind.choices,
        method="filter_kind",
        empty_label=_("any kind of entity"),
        widget=FastSelect,
    )
    source = SlugChoiceFilter(
        label=_("Source"),
        lookup=public_source,
        options=source_options,
        field_name="source",
    )
    date_from = django_filters.DateFilter(
        label=_("Published from"),
        field_name="publish_at",
        lookup_expr="date__gte",
        widget=IsoDateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("Published until"),
        field_name="publish_at",
        lookup_expr="date__lte",
        widget=IsoDateInput(),
    )

    class Meta:
        model = Article
        fields = ()
        form = ArticleFilterForm

    def filter_text(self, queryset, name, value):
        # Matching and ranking happen when the list's window is read (see
        # ``listing.window_ids``), where the search index can be used in order.
        return queryset

    def filter_entities(self, queryset, name, entities):
        for entity in entities:
            queryset = queryset.mentioning(entity)
        return queryset

    def filter_region(self, queryset, name, value):
        return listing.in_region(queryset, value)

    def filter_topic(self, queryset, name, value):
        return listing.in_topic(queryset, value)

    def filter_kind(self, queryset, name, value):
        return queryset.mentioning_kind(value)
