"""The vocabulary's index pages: ``/wilayah/`` (every region with published
articles, as a tree), ``/topik/``, ``/entitas/`` (every public entity, most
mentioned first, in pages) and ``/sumber/``, each with its article counts from
``publiccounts`` (the numbers of the pages they link to)."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from articles import publiccounts
from articles.freshness import taxonomy
from articles.site import listing
from entities.models import Entity

ENTITIES_PER_PAGE = 100


def region_tree(regions, counts) -> list[tuple]:
    """``(region, count, children)`` for each of ``regions`` with published
    articles, its sub-regions below it, any depth."""
    tax = taxonomy()
    return [
        (region, counts[region.pk], region_tree(tax.region_children(region), counts))
        for region in regions
        if counts.get(region.pk)
    ]


class RegionIndexView(TemplateView):
    template_name = "articles/region_index.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        counts = publiccounts.all_region_counts()
        return super().get_context_data(
            tree=region_tree(listing.top_level_regions(), counts), **kwargs
        )


class TopicIndexView(TemplateView):
    template_name = "articles/topic_index.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topics=publiccounts.topic_tree(), **kwargs)


class SourceIndexView(TemplateView):
    template_name = "articles/source_index.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        counts = publiccounts.source_counts()
        sources = sorted(taxonomy().sources.values(), key=lambda s: s.name)
        return super().get_context_data(
            sources=[(s, counts[s.pk]) for s in sources if counts.get(s.pk)],
            **kwargs,
        )


class EntityIndexView(TemplateView):
    """Every entity a published article carries (of one ``kind``), most
    mentioned first, a hundred a page."""

    template_name = "articles/entity_index.html"
    query_params = ("kind", "page")

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind") or None
        if kind is not None and kind not in Entity.Kind.values:
            raise BadRequest(_("Unknown kind of entity."))
        counts = publiccounts.all_entity_counts()
        ranked = publiccounts.entity_ranking(kind=kind)
        paginator = Paginator(ranked, ENTITIES_PER_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as exc:
            raise Http404 from exc
        entities = Entity.objects.in_bulk([pk for pk, _n in page.object_list])
        page.object_list = [
            (entities[pk], counts.get(pk, n))
            for pk, n in page.object_list
            if pk in entities
        ]
        return super().get_context_data(
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            page_range=list(
                paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            kind=kind,
            kinds=Entity.Kind.choices,
            frequent=settings.WARTA_FREQUENT_ENTITY,
            **kwargs,
        )
