"""Article cards, the repeated part of every list, kept rendered (issue 19).

A list page shows up to thirty cards and rendering them through the template
engine was the larger part of the page's time. A card's HTML is kept in the
cache under a key made of everything the card shows (title, standfirst, time,
byline, source, image, regions and topics with their names and addresses,
reading time), the language, the card's size and heading level, and the card
template's own source. The key changes whenever what the card would show
changes, whoever changed it and however (an edit, a bulk action, a region
renamed, a new template deployed), so nothing is ever invalidated by hand and a
stale card cannot be served. ``WARTA_CARD_CACHE_SECONDS = 0`` renders every
card.
"""

from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.freshness import digest
from articles.site.listing import tags_of

CARD_TEMPLATE = "includes/article_card.html"


@once
def _template_version() -> str:
    return digest(get_template(CARD_TEMPLATE).template.source)


def card_key(article, *, size: str, level) -> str:
    """The cache key of ``article``'s card: a fingerprint of what it shows."""
    tags = tags_of(article)
    shown = (
        _template_version(),
        get_language(),
        size,
        level,
        article.pk,
        article.title,
        article.standfirst,
        article.publish_at.isoformat() if article.publish_at else "",
        article.byline,
        article.word_count,
        article.language,
        article.featured_image.name,
        article.image_renditions,
        article.source.name if article.source_id else "",
        [(r.pk, r.slug, r.name) for r in tags.regions],
        [(t.pk, t.slug, t.name) for t in tags.topics],
    )
    return "warta:card:" + digest(repr(shown))


def render_card(context, article, *, size: str = "", level=3) -> str:
    """``article``'s card as HTML, from the cache when it holds this version."""
    seconds = settings.WARTA_CARD_CACHE_SECONDS
    key = card_key(article, size=size, level=level) if seconds else None
    html = cache.get(key) if key else None
    if html is None:
        template = context.template.engine.get_template(CARD_TEMPLATE)
        html = template.render(
            context.new({"article": article, "size": size, "level": level})
        )
        if key:
            cache.set(key, html, seconds)
    return mark_safe(html)
