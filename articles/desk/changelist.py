"""The article list's query, kept cheap at any size (issues 25 and 29).

- A filter across a many-to-many relation (a region's subtree, a topic) is a
  condition on the article's id, its rows in the relation's own table
  (``article_id IN (SELECT article_id FROM articles_article_regions ...)``),
  never a join: a join may repeat an article, and Django then adds SELECT
  DISTINCT over every column, which compared and sorted every matching row
  (and counted them so again): 16 s for a search with a region at 100,000.
- A page's ids are read first, then its rows (``ArticlePaginator``). A
  search counts its matches and takes the page's ids in one query; a page
  past the middle of any other list is read from the list's other end, in
  the reverse order, so the deepest page costs what the first does instead
  of sorting or walking every article before it.
- The rows carry ``listed_tags`` (regions, topics and entities of all of them
  in one query) for the tag column.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.contrib.admin.views.main import PAGE_VAR, SEARCH_VAR, ChangeList
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Count, F, Func, OrderBy, Window
from django.db.models.constants import LOOKUP_SEP
from django.utils.functional import cached_property

from articles.models import Article
from articles.site import listing


def _relation(lookup):
    """The article's many-to-many field ``lookup`` starts with, and the rest
    of the lookup; (None, None) for any other lookup."""
    name, _sep, rest = lookup.partition(LOOKUP_SEP)
    try:
        field = Article._meta.get_field(name)
    except FieldDoesNotExist:
        return None, None
    if not isinstance(field, models.ManyToManyField):
        return None, None
    return field, rest


def through_condition(parameters) -> models.Q | None:
    """``parameters`` (lookup: list of values, as the admin keeps them), all
    across one many-to-many field of the article, as one condition on the
    article's id: the same related row must satisfy them all, as in Django's
    one join. None when they cannot be (several fields, or ``isnull`` with
    other lookups)."""
    fields = {_relation(lookup)[0] for lookup in parameters}
    if len(fields) != 1 or None in fields:
        return None
    field = fields.pop()
    through = field.remote_field.through.objects
    article, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.values(article)
    rests = {lookup: _relation(lookup)[1] for lookup in parameters}
    if "isnull" in rests.values():
        if len(parameters) != 1:
            return None
        (values,) = parameters.values()
        has_some = models.Q(pk__in=rows)
        return models.Q(*(~has_some if value else has_some for value in values))
    condition = models.Q()
    for lookup, values in parameters.items():
        either = models.Q()
        for value in values:
            either |= models.Q((f"{target}{LOOKUP_SEP}{rests[lookup]}", value))
        condition &= either
    return models.Q(pk__in=rows.filter(condition))


class ThroughFieldListFilter(admin.RelatedFieldListFilter):
    """A many-to-many field's list filter (``topics``) as a condition on the
    article's id (``through_condition``), not a join."""

    def queryset(self, request, queryset):
        condition = through_condition(self.used_parameters)
        if condition is None:
            return super().queryset(request, queryset)
        try:
            return queryset.filter(condition)
        except (ValidationError, ValueError, TypeError) as exc:
            raise IncorrectLookupParameters(exc) from exc


def _unwalkable(ordering):
    """``ordering`` as the same order of expressions no index provides
    (``COALESCE(publish_at)``). The count of every match needs every match:
    PostgreSQL's planner does not know it of ``COUNT(*) OVER ()`` and walked
    the list's index for the first 50, checking each article's stored text
    (5 s for a word in five articles of 100,000) instead of taking the text
    index's matches and sorting them."""
    terms = []
    for term in ordering:
        if isinstance(term, str):
            term = F(term.lstrip("-")).desc() if term[0] == "-" else F(term).asc()
        elif not isinstance(term, OrderBy):
            term = term.asc()
        terms.append(
            OrderBy(
                Func(term.expression, function="COALESCE"),
                descending=term.descending,
                nulls_first=term.nulls_first,
                nulls_last=term.nulls_last,
            )
        )
    return terms


class ArticlePaginator(Paginator):
    """The list's pages: ids first, then the page's rows by id (``rows``, the
    list's unfiltered queryset: its conditions are not checked again).

    With ``counted_with_page`` (a search) the count and the page's ids are
    one query (``COUNT(*) OVER ()``): every match is found once, by the text
    index, for both. Otherwise a page past the middle is read from the list's
    other end, the order reversed (ties are broken by id, so it is the same
    list backwards): the deepest page costs what the first does."""

    def __init__(
        self,
        object_list,
        per_page,
        orphans=0,
        allow_empty_first_page=True,
        *,
        rows,
        number=None,
        counted_with_page=False,
    ):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.rows = rows
        self.counted_with_page = counted_with_page and not object_list.query.distinct
        self.first_number = number
        self.counted_ids = None  # (page number, ids) read with the count

    @cached_property
    def count(self):
        if self.counted_with_page:
            total = self._count_with_page()
            if total is not None:
                return total
        return self.object_list.count()

    def _count_with_page(self):
        try:
            number = int(self.first_number or 1)
        except (TypeError, ValueError):
            return None
        if number < 1:
            return None
        bottom = (number - 1) * self.per_page
        matches = self.object_list
        if connection.vendor == "postgresql":
            matches = matches.order_by(*_unwalkable(matches.query.order_by))
        found = list(
            matches.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[
                bottom : bottom + self.per_page
            ]
        )
        if not found:
            return None
        self.counted_ids = (number, [pk for pk, _total in found])
        return found[0][1]

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = self.object_list.values_list("pk", flat=True)
        if self.counted_ids and self.counted_ids[0] == number and not self.orphans:
            ids = self.counted_ids[1]
        elif bottom > self.count // 2 and self.object_list.ordered:
            from_end = self.count - top
            ids = list(ids.reverse()[from_end : from_end + top - bottom])[::-1]
        else:
            ids = list(ids[bottom:top])
        found = self.rows.filter(pk__in=ids).in_bulk()
        return self._get_page([found[pk] for pk in ids if pk in found], number, self)


class ArticleChangeList(ChangeList):
    """The article changelist (see the module's docstring)."""

    def get_filters(self, request):
        specs, has_filters, remaining, _duplicates, active = super().get_filters(
            request
        )
        # The lookups across each many-to-many field, as one condition each.
        by_field = {}
        for lookup in list(remaining):
            field, _rest = _relation(lookup)
            if field is not None:
                by_field.setdefault(field.name, {})[lookup] = remaining[lookup]
        self._through_conditions = []
        for parameters in by_field.values():
            condition = through_condition(parameters)
            if condition is not None:
                self._through_conditions.append(condition)
                for lookup in parameters:
                    del remaining[lookup]
        duplicates = any(
            lookup_spawns_duplicates(self.lookup_opts, lookup) for lookup in remaining
        ) or any(
            spec.used_parameters
            and lookup_spawns_duplicates(self.lookup_opts, spec.field_path)
            for spec in specs
            if isinstance(spec, admin.FieldListFilter)
            and not isinstance(spec, ThroughFieldListFilter)
        )
        return specs, has_filters, remaining, duplicates, active

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            for condition in self._through_conditions:
                queryset = queryset.filter(condition)
        except (FieldError, ValidationError, ValueError, TypeError) as exc:
            raise IncorrectLookupParameters(exc) from exc
        return queryset

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        listing.attach_tags(self.result_list)


class ArticleListPages:
    """The article admin's list: its changelist and paginator (above)."""

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, **kwargs):
        return ArticlePaginator(
            queryset,
            per_page,
            orphans,
            **kwargs,
            rows=self.get_queryset(request),
            number=request.GET.get(PAGE_VAR),
            counted_with_page=bool(request.GET.get(SEARCH_VAR, "").strip()),
        )
