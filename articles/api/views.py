"""The API's endpoints. Articles come from ``Article.objects.published()`` only
(through ``listing`` and the list's ``ArticleFilter``); vocabulary only where a
published article carries it."""

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from rest_framework.response import Response

from articles import publiccounts
from articles.api import downloads, export, params, schema
from articles.api import representations as rep
from articles.api.base import ExportRateThrottle, PublicAPIView
from articles.api.ninjs import article_ninjs
from articles.api.pagination import page
from articles.freshness import taxonomy
from articles.site import counting, listing, related
from entities.models import Entity, EntityAlias

# Entity list: what ``q`` may be, and the cursor's signing salt.
ENTITY_QUERY_MAX = 100
ENTITY_CURSOR_SALT = "warta.api.entity-cursor"


def with_query(request, **changes) -> str:
    """This request's absolute address with parameters changed."""
    query = request.GET.copy()
    for name, value in changes.items():
        query[name] = value
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def link_header(links: dict) -> str:
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)


def public_article(pk):
    """The public article ``pk`` and its tags, or 404."""
    article = listing.public_articles().select_related("source").filter(pk=pk).first()
    if article is None:
        raise Http404
    return article, listing.tags_by_article([article.pk])


# Articles -----------------------------------------------------------------------


class ArticleListView(PublicAPIView):
    @schema.article_list
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        check = params.Check(request.GET, {*params.FILTERS, *params.PAGING})
        filterset = check.read(params.article_filter)
        size, cursor = check.read(params.page_size), check.read(params.cursor)
        check.done()
        articles = params.filtered_articles(filterset).select_related("source")
        result = page(articles.defer("body", "body_text"), cursor=cursor, size=size)
        tags = listing.tags_by_article(a.pk for a in result.items)
        links = rep.Links.for_request(request)
        pages = {
            "next": with_query(request, cursor=result.next.encode())
            if result.next
            else None,
            "previous": with_query(request, cursor=result.previous.encode())
            if result.previous
            else None,
        }
        response = Response(
            {
                # The list's number, as the HTML list shows it (``counting``).
                "count": counting.list_count(filterset),
                **pages,
                "results": [
                    rep.article_summary(a, tags[a.pk], links) for a in result.items
                ],
            }
        )
        if any(pages.values()):
            response["Link"] = link_header(pages)
        return response


class ArticleDetailView(PublicAPIView):
    @schema.article_detail
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request, pk):
        params.check_names(request.GET, ())
        article, tags = public_article(pk)
        return Response(
            rep.article_detail(
                article,
                tags[article.pk],
                rep.Links.for_request(request),
                entities=export.full_entities(tags)[article.pk],
            )
        )


class ArticleNinjsView(PublicAPIView):
    @schema.article_ninjs
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request, pk):
        params.check_names(request.GET, ())
        article, tags = public_article(pk)
        return Response(
            article_ninjs(article, tags[article.pk], rep.Links.for_request(request))
        )


def busy_response():
    """Every download slot is taken (``downloads``): try again shortly."""
    response = Response(
        {
            "error": "busy",
            "detail": "Too many downloads are running; try again in a minute.",
        },
        status=503,
    )
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


class ArticleExportView(PublicAPIView):
    """A filtered list as one streamed download, at most ``WARTA_API_EXPORT_LIMIT``
    articles; the ``next`` link (header) continues after the last one."""

    throttle_classes = [*PublicAPIView.throttle_classes, ExportRateThrottle]
    cache_responses = False

    @schema.article_export
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        check = params.Check(
            request.GET, {*params.FILTERS, "cursor", "format", "limit"}
        )
        filterset = check.read(params.article_filter)
        cursor = check.read(params.cursor, forwards_only=True)
        kind = check.read(params.choice, "format", export.FORMATS, default="jsonl")
        limit = check.read(
            params.whole_number,
            "limit",
            default=settings.WARTA_API_EXPORT_LIMIT,
            maximum=settings.WARTA_API_EXPORT_LIMIT,
        )
        check.done()
        articles = params.filtered_articles(filterset)
        following = export.boundary(articles, cursor=cursor, limit=limit)
        try:
            slot = downloads.slot_take()
        except downloads.ExportBusy:
            return busy_response()
        response = export.streaming_response(
            articles,
            kind=kind,
            links=rep.Links.for_request(request),
            cursor=cursor,
            limit=limit,
            slot=slot,
            sock=request.META.get("gunicorn.socket"),
        )
        response["X-Export-Limit"] = str(limit)
        if following is not None:
            response["Link"] = link_header(
                {"next": with_query(request, cursor=following.encode())}
            )
        return response


# Vocabulary ---------------------------------------------------------------------


class RegionTreeView(PublicAPIView):
    @schema.region_tree
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        params.check_names(request.GET, ())
        tax, counts = taxonomy(), publiccounts.all_region_counts()
        links = rep.Links.for_request(request)
        api_list = request.build_absolute_uri(reverse("api:articles"))

        def node(region):
            return {
                **rep.region_ref(region),
                "article_count": counts[region.pk],
                "url": links.region(region),
                "articles_url": f"{api_list}?region={region.slug}",
                "children": [
                    node(child)
                    for child in tax.region_children(region)
                    if counts.get(child.pk)
                ],
            }

        roots = [r for r in tax.region_children(None) if counts.get(r.pk)]
        return Response({"results": [node(r) for r in roots]})


class TopicTreeView(PublicAPIView):
    @schema.topic_tree
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        params.check_names(request.GET, ())
        links = rep.Links.for_request(request)
        api_list = request.build_absolute_uri(reverse("api:articles"))

        def node(topic, count, children):
            return {
                **rep.topic_ref(topic),
                "description": topic.description,
                "article_count": count,
                "url": links.topic(topic),
                "articles_url": f"{api_list}?topic={topic.slug}",
                "children": [node(*child) for child in children],
            }

        return Response({"results": [node(*t) for t in publiccounts.topic_tree()]})


class SourceListView(PublicAPIView):
    @schema.source_list
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        params.check_names(request.GET, ())
        tax, counts = taxonomy(), publiccounts.source_counts()
        links = rep.Links.for_request(request)
        api_list = request.build_absolute_uri(reverse("api:articles"))
        sources = sorted(
            (s for s in tax.sources.values() if counts.get(s.pk)),
            key=lambda s: s.name,
        )
        return Response(
            {
                "results": [
                    {
                        **rep.source_ref(source),
                        "language": source.language,
                        "region": rep.region_ref(tax.regions[source.region_id])
                        if source.region_id in tax.regions
                        else None,
                        "article_count": counts[source.pk],
                        "url": links.source(source),
                        "articles_url": f"{api_list}?source={source.slug}",
                    }
                    for source in sources
                ]
            }
        )


def entity_data(entity, *, count, links, api_list) -> dict:
    return {
        **rep.entity_full(entity, regions=taxonomy().regions),
        "article_count": count,
        "url": links.entity(entity),
        "articles_url": f"{api_list}?entity={entity.slug}",
    }


class EntityListView(PublicAPIView):
    """Entities published articles carry, by slug, searchable by name or alias."""

    @schema.entity_list
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request):
        check = params.Check(request.GET, {"q", "kind", "cursor", "page_size"})
        text = check.read(params.text, "q", max_length=ENTITY_QUERY_MAX)
        kind = check.read(params.choice, "kind", Entity.Kind.values)
        size = check.read(params.page_size)
        last = check.read(params.signed, "cursor", salt=ENTITY_CURSOR_SALT)
        check.done()
        entities = listing.public_entities().with_alias_names()
        if text:
            entities = entities.filter(
                Q(name__icontains=text)
                | Exists(
                    EntityAlias.objects.filter(
                        entity=OuterRef("pk"), name__icontains=text
                    )
                )
            )
        if kind:
            entities = entities.filter(kind=kind)
        if last is not None:
            entities = entities.filter(slug__gt=str(last))
        rows = list(entities.order_by("slug")[: size + 1])
        items = rows[:size]
        counts = publiccounts.all_entity_counts()
        links = rep.Links.for_request(request)
        api_list = request.build_absolute_uri(reverse("api:articles"))
        following = (
            with_query(
                request,
                cursor=signing.Signer(salt=ENTITY_CURSOR_SALT).sign_object(
                    items[-1].slug
                ),
            )
            if len(rows) > size
            else None
        )
        response = Response(
            {
                "next": following,
                "results": [
                    entity_data(
                        e, count=counts.get(e.pk, 0), links=links, api_list=api_list
                    )
                    for e in items
                ],
            }
        )
        if following:
            response["Link"] = link_header({"next": following})
        return response


class EntityDetailView(PublicAPIView):
    """One entity with the entities most often tagged beside it."""

    @schema.entity_detail
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def respond(self, request, slug):
        params.check_names(request.GET, ())
        entity = (
            listing.public_entities()
            .frequent(settings.WARTA_FREQUENT_ENTITY)
            .with_alias_names()
            .filter(slug=slug)
            .first()
        )
        if entity is None:
            raise Http404
        counts = publiccounts.all_entity_counts()
        window = listing.Window.of(listing.articles_mentioning(entity=entity))
        co_mentioned = related.co_mentioned_entities(entity=entity, ids=window.ids)
        links = rep.Links.for_request(request)
        api_list = request.build_absolute_uri(reverse("api:articles"))
        return Response(
            {
                **entity_data(
                    entity,
                    count=counts.get(entity.pk, 0),
                    links=links,
                    api_list=api_list,
                ),
                "co_mentioned": [
                    {
                        **rep.entity_ref(other),
                        "shared_articles": other.shared,
                        "url": links.entity(other),
                    }
                    for other in co_mentioned
                ],
            }
        )
