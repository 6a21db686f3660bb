"""What the API says about articles and their vocabulary, as plain dicts.

Built by hand rather than by DRF serializers: a page of a hundred articles with
their tags is serialised in well under a millisecond per article this way. The
shapes are declared for the OpenAPI schema in ``schema.py``, and the tests check
every response against that schema, so the two cannot drift apart.

Every article given to these functions is public (``published()``): callers
load them through ``listing`` and ``pagination``, and its tags with
``listing.tags_by_article``; nothing here queries.
"""

from dataclasses import dataclass
from datetime import UTC
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles.models import richtext


@dataclass(frozen=True)
class Links:
    """Absolute addresses, made from one base (``https://host``) and the routes
    reversed once rather than once per article."""

    base: str

    @classmethod
    def for_request(cls, request):
        return cls(f"{request.scheme}://{request.get_host()}")

    def absolute(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return path
        return self.base + path

    def _route(self, name, argument, value):
        template = _routes.get(name)
        if template is None:
            slot = _SLOTS[argument]
            # Canonical addresses are the default language's (no /en/ prefix).
            with translation.override(settings.LANGUAGE_CODE):
                path = reverse(name, kwargs={argument: slot})
            template = path.replace(str(slot), "{}")
            _routes[name] = template
        return self.base + template.format(quote(str(value)))

    def article(self, article) -> str:
        return self._route("articles:detail", "slug", article.slug)

    def api_article(self, article) -> str:
        return self._route("api:article", "pk", article.pk)

    def ninjs(self, article) -> str:
        return self._route("api:article-ninjs", "pk", article.pk)

    def region(self, region) -> str:
        return self._route("articles:region", "slug", region.slug)

    def topic(self, topic) -> str:
        return self._route("articles:topic", "slug", topic.slug)

    def entity(self, entity) -> str:
        return self._route("articles:entity", "slug", entity.slug)

    def source(self, source) -> str:
        return self._route("articles:source", "slug", source.slug)


# Route templates, by name ("/artikel/{}/"), filled in once per process from a
# reversed URL with a placeholder argument.
_routes: dict = {}
_SLOTS = {"slug": "slot-8c1f2e", "pk": 987654321}


def timestamp(value) -> str | None:
    """An aware datetime as ISO 8601 in UTC (``2026-11-23T04:05:06Z``)."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def body_html(article, links: "Links") -> str:
    """The body sanitised again on output, its library images as figures with
    full addresses (should stored HTML ever not pass, its text as
    paragraphs)."""
    try:
        return richtext.for_feeds(
            richtext.sanitize(article.body), absolute=links.absolute
        )
    except richtext.TextWouldBeLost:
        return richtext.from_text(richtext.to_text(article.body))


# Vocabulary ---------------------------------------------------------------------


def region_ref(region) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "slug": region.slug,
        "level": region.kind,
        "path": region.path,
    }


def topic_ref(topic) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "iptc_code": topic.iptc_code or None,
    }


def entity_ref(entity) -> dict:
    return {"slug": entity.slug, "name": entity.name, "kind": entity.kind}


def source_ref(source) -> dict | None:
    if source is None:
        return None
    return {
        "slug": source.slug,
        "name": source.name,
        "kind": source.kind,
        "homepage": source.homepage or None,
    }


def entity_full(entity, *, regions) -> dict:
    """An entity with its aliases (``with_alias_names``), description and region
    (looked up in ``regions``, the taxonomy's by id)."""
    region = regions.get(entity.region_id)
    return {
        **entity_ref(entity),
        "aliases": entity.alias_list,
        "description": entity.description,
        "region": region_ref(region) if region else None,
    }


# Articles -----------------------------------------------------------------------


def image(article, links: Links, *, full=False) -> dict | None:
    """The featured image's renditions (never the uploaded original), with its
    alt text, and in ``full`` its caption and credit."""
    renditions = [
        article.image_rendition(width) for width, _name in article._renditions()
    ]
    if not renditions:
        return None
    renditions = [
        {**rendition, "url": links.absolute(rendition["url"])}
        for rendition in renditions
    ]
    data = {
        "alt": article.featured_image_alt,
        "renditions": renditions,
        "srcset": ", ".join(f"{r['url']} {r['width']}w" for r in renditions),
    }
    if full:
        data["caption"] = article.featured_image_caption
        data["credit"] = article.featured_image_credit
    return data


def article_summary(article, tags, links: Links) -> dict:
    """An article as a list shows it: everything but the body. ``tags`` are its
    regions, topics and entities (``listing.tags_by_article``)."""
    return {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "standfirst": article.standfirst,
        "published_at": timestamp(article.publish_at),
        "updated_at": timestamp(article.updated_at),
        "original_published_on": (
            article.original_published_on.isoformat()
            if article.original_published_on
            else None
        ),
        "language": article.language,
        "dateline": article.dateline,
        "byline": article.byline,
        "credit": article.credit,
        "source": source_ref(article.source),
        "regions": [region_ref(r) for r in tags.regions],
        "topics": [topic_ref(t) for t in tags.topics],
        "entities": [entity_ref(e) for e in tags.entities],
        "image": image(article, links),
        "url": links.article(article),
        "api_url": links.api_article(article),
        "ninjs_url": links.ninjs(article),
    }


def article_detail(article, tags, links: Links, *, entities: list[dict]) -> dict:
    """An article with its body (sanitised HTML and plain text) and ``entities``
    in full (``entity_full``)."""
    return {
        **article_summary(article, tags, links),
        "entities": entities,
        "body_html": body_html(article, links),
        "body_text": article.body_text,
        "word_count": len(richtext.WORD.findall(article.body_text)),
        "original_url": article.original_url or None,
        "image": image(article, links, full=True),
    }
