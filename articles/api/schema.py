"""The OpenAPI description of the API (drf-spectacular): response shapes as DRF
serializers (never used to serialise: ``representations`` builds the dicts,
and the tests check every response against these shapes), parameters, and
one decorator per endpoint."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.text import format_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers

from articles.models import Source
from entities.models import Entity, Region


def setting(name):
    """A setting's value as text when the schema is generated (not on import)."""
    return lazy(lambda: str(getattr(settings, name)), str)()


EXPORT_LIMIT = setting("WARTA_API_EXPORT_LIMIT")

# Shapes ------------------------------------------------------------------------


class RegionRef(serializers.Serializer):
    code = serializers.CharField(
        help_text="Official code: Kemendagri (36, 36.72) or ISO 3166 (ID, KR-31)."
    )
    name = serializers.CharField()
    slug = serializers.CharField(help_text="The value of the `region` filter.")
    level = serializers.ChoiceField(choices=Region.Kind.choices)
    path = serializers.CharField(
        help_text="The codes from the root down, e.g. /ID/36/36.72/."
    )


class TopicRef(serializers.Serializer):
    slug = serializers.CharField(help_text="The value of the `topic` filter.")
    name = serializers.CharField()
    iptc_code = serializers.CharField(
        allow_null=True, help_text="IPTC Media Topic code, e.g. medtop:20000344."
    )


class EntityRef(serializers.Serializer):
    slug = serializers.CharField(help_text="A value of the `entity` filter.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Entity.Kind.choices)


class SourceRef(serializers.Serializer):
    slug = serializers.CharField(help_text="The value of the `source` filter.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    homepage = serializers.URLField(allow_null=True)


class Rendition(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField(allow_null=True)


class ImageSummary(serializers.Serializer):
    alt = serializers.CharField()
    renditions = Rendition(many=True)
    srcset = serializers.CharField()


class Image(ImageSummary):
    caption = serializers.CharField()
    credit = serializers.CharField()


class EntityFull(EntityRef):
    aliases = serializers.ListField(child=serializers.CharField())
    description = serializers.CharField()
    region = RegionRef(allow_null=True)


class ArticleSummary(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    standfirst = serializers.CharField()
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    original_published_on = serializers.DateField(
        allow_null=True, help_text="As the source states it; null when unknown."
    )
    language = serializers.CharField()
    dateline = serializers.CharField()
    byline = serializers.CharField()
    credit = serializers.CharField()
    source = SourceRef(allow_null=True, help_text="Null when the outlet is unknown.")
    regions = RegionRef(many=True)
    topics = TopicRef(many=True)
    entities = EntityRef(many=True)
    image = ImageSummary(allow_null=True)
    url = serializers.URLField(help_text="The article's public page.")
    api_url = serializers.URLField()
    ninjs_url = serializers.URLField()


class ArticleDetail(ArticleSummary):
    entities = EntityFull(many=True)
    body_html = serializers.CharField(help_text="Sanitised HTML.")
    body_text = serializers.CharField(help_text="Plain text, paragraphs by \\n\\n.")
    word_count = serializers.IntegerField()
    original_url = serializers.URLField(allow_null=True)
    image = Image(allow_null=True)


class ArticlePage(serializers.Serializer):
    count = serializers.IntegerField(help_text="Every match: the HTML list's count.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ArticleSummary(many=True)


@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/RegionNode"}}
)
class RegionChildren(serializers.JSONField):
    pass


@extend_schema_field(
    {"type": "array", "items": {"$ref": "#/components/schemas/TopicNode"}}
)
class TopicChildren(serializers.JSONField):
    pass


class RegionNode(RegionRef):
    article_count = serializers.IntegerField(
        help_text="Published articles here or in any sub-region, each once."
    )
    url = serializers.URLField()
    articles_url = serializers.URLField()
    children = RegionChildren()


class RegionTree(serializers.Serializer):
    results = RegionNode(many=True)


class TopicNode(TopicRef):
    description = serializers.CharField()
    article_count = serializers.IntegerField(
        help_text="Published articles on this topic or a sub-topic, each once."
    )
    url = serializers.URLField()
    articles_url = serializers.URLField()
    children = TopicChildren()


class TopicTree(serializers.Serializer):
    results = TopicNode(many=True)


class SourceItem(SourceRef):
    language = serializers.CharField()
    region = RegionRef(allow_null=True)
    article_count = serializers.IntegerField()
    url = serializers.URLField()
    articles_url = serializers.URLField()


class SourceList(serializers.Serializer):
    results = SourceItem(many=True)


class EntityItem(EntityFull):
    article_count = serializers.IntegerField()
    url = serializers.URLField()
    articles_url = serializers.URLField()


class EntityPage(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    results = EntityItem(many=True)


class CoMention(EntityRef):
    shared_articles = serializers.IntegerField(
        help_text="Among the entity's newest 500 articles."
    )
    url = serializers.URLField()


class EntityDetail(EntityItem):
    co_mentioned = CoMention(many=True)


class Error(serializers.Serializer):
    error = serializers.CharField(help_text="A code: invalid_parameters, not_found, …")
    detail = serializers.CharField()
    parameters = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid_parameters: the messages by parameter.",
    )


# Parameters ---------------------------------------------------------------------


def query(name, type_=str, description="", **kwargs):
    return OpenApiParameter(
        name, type_, OpenApiParameter.QUERY, description=description, **kwargs
    )


FILTER_PARAMETERS = [
    query(
        "q",
        description="Full-text search (title, standfirst, body; an entity's exact "
        "name or alias also finds the articles tagged with it). Results stay "
        "newest first.",
    ),
    query(
        "region",
        description="A region's slug (see /regions/): articles tagged with it or "
        "any region below it.",
    ),
    query(
        "topic",
        description="A topic's slug (see /topics/): the topic and its sub-topics.",
    ),
    query(
        "entity",
        description="An entity's slug (see /entities/); repeat it to require "
        "several: articles tagged with all of them.",
        many=True,
        explode=True,
    ),
    query(
        "kind",
        description="Articles mentioning at least one entity of this kind.",
        enum=Entity.Kind.values,
    ),
    query("source", description="A source's slug (see /sources/)."),
    query(
        "date_from",
        OpenApiTypes.DATE,
        description="Published on or after this day (Asia/Jakarta).",
    ),
    query(
        "date_to",
        OpenApiTypes.DATE,
        description="Published on or before this day (Asia/Jakarta).",
    ),
]
CURSOR = query(
    "cursor",
    description="Opaque position from a `next` or `previous` link; any other "
    "value is refused.",
)
PAGE_SIZE = query(
    "page_size",
    int,
    description=format_lazy(
        "Items per page, 1 to {} (default {}).",
        setting("WARTA_MAX_PAGE_SIZE"),
        setting("WARTA_PAGE_SIZE"),
    ),
)
ARTICLE_ID = OpenApiParameter(
    "id", int, OpenApiParameter.PATH, description="The article's id."
)
ERRORS = {
    400: OpenApiResponse(Error, description="A parameter could not be used."),
    429: OpenApiResponse(Error, description="Too many requests: see Retry-After."),
}
NOT_FOUND = {404: OpenApiResponse(Error, description="No such public article.")}
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified (If-None-Match).")}

# Endpoints ----------------------------------------------------------------------

article_list = extend_schema(
    operation_id="articles_list",
    summary="Published articles, newest first",
    description="The public list's filters, in pages of `page_size` linked by "
    "`next` and `previous` (also in the `Link` header). Cursor pages stay "
    "stable while articles are published.",
    parameters=[*FILTER_PARAMETERS, CURSOR, PAGE_SIZE],
    responses={200: ArticlePage, **NOT_MODIFIED, **ERRORS},
    tags=["articles"],
)
article_detail = extend_schema(
    operation_id="articles_detail",
    summary="One published article",
    parameters=[ARTICLE_ID],
    responses={200: ArticleDetail, **NOT_MODIFIED, **NOT_FOUND, **ERRORS},
    tags=["articles"],
)
article_ninjs = extend_schema(
    operation_id="articles_ninjs",
    summary="One published article as IPTC ninjs 2.1",
    description="A ninjs 2.1 text item (https://iptc.org/standards/ninjs/): "
    "subjects with IPTC Media Topic URIs, places with official region codes, "
    "people and organisations, the featured image as an associated picture.",
    parameters=[ARTICLE_ID],
    responses={
        200: OpenApiResponse(
            OpenApiTypes.OBJECT, description="An IPTC ninjs 2.1 document."
        ),
        **NOT_MODIFIED,
        **NOT_FOUND,
        **ERRORS,
    },
    tags=["articles"],
)
article_export = extend_schema(
    operation_id="articles_export",
    summary="A filtered list as a streamed download",
    description=format_lazy(
        "At most {} articles per download, newest first; when more match, the "
        "`Link` header's `next` continues after the last one. `jsonl`: the "
        "article detail per line; `ninjs`: one ninjs 2.1 document per line; "
        "`csv`: one row per article. Downloads have their own, lower rate limit.",
        EXPORT_LIMIT,
    ),
    parameters=[
        *FILTER_PARAMETERS,
        query(
            "format",
            description="jsonl (default), csv or ninjs.",
            enum=["jsonl", "csv", "ninjs"],
        ),
        query(
            "limit",
            int,
            description=format_lazy(
                "At most this many articles (1 to {}, the default).", EXPORT_LIMIT
            ),
        ),
        query("cursor", description="From a `next` link of an earlier download."),
    ],
    responses={
        (200, "application/x-ndjson"): OpenApiTypes.STR,
        (200, "text/csv"): OpenApiTypes.STR,
        **ERRORS,
        503: OpenApiResponse(Error, description="Downloads busy: see Retry-After."),
    },
    tags=["articles"],
)
region_tree = extend_schema(
    operation_id="regions_tree",
    summary="Regions with published articles, as a tree",
    responses={200: RegionTree, **NOT_MODIFIED, **ERRORS},
    tags=["vocabulary"],
)
topic_tree = extend_schema(
    operation_id="topics_tree",
    summary="Topics with published articles, as a tree",
    responses={200: TopicTree, **NOT_MODIFIED, **ERRORS},
    tags=["vocabulary"],
)
source_list = extend_schema(
    operation_id="sources_list",
    summary="Sources of published articles",
    responses={200: SourceList, **NOT_MODIFIED, **ERRORS},
    tags=["vocabulary"],
)
entity_list = extend_schema(
    operation_id="entities_list",
    summary="Entities published articles are tagged with, by slug",
    parameters=[
        query("q", description="Part of the name or of an alias."),
        query("kind", enum=Entity.Kind.values),
        query("cursor", description="From a `next` link."),
        PAGE_SIZE,
    ],
    responses={200: EntityPage, **NOT_MODIFIED, **ERRORS},
    tags=["vocabulary"],
)
entity_detail = extend_schema(
    operation_id="entities_detail",
    summary="One entity, with the entities most often tagged beside it",
    parameters=[
        OpenApiParameter("slug", str, OpenApiParameter.PATH),
    ],
    responses={
        200: EntityDetail,
        **NOT_MODIFIED,
        404: OpenApiResponse(Error, description="No such public entity."),
        **ERRORS,
    },
    tags=["vocabulary"],
)
