"""What pages share about an article: its summary, image and times, and the
site's own logo (made by ``scripts/make_brand_images.py``)."""

import mimetypes

from django.db.models import prefetch_related_objects
from django.utils.text import Truncator

# Static files, and their sizes in pixels (tests check the files against these).
LOGO = "warta/logo.png"
LOGO_SIZE = (600, 60)

DESCRIPTION_CHARS = 300


def absolute(origin: str, url: str) -> str:
    """``url`` on ``origin`` ("https://host"), unless it is absolute already
    (media on another host)."""
    return url if url.startswith(("http://", "https://")) else origin + url


def modified_at(article):
    """When ``article`` last changed for readers: its last save, or its publish
    time if that is later (a scheduled article going live)."""
    return max(t for t in (article.updated_at, article.publish_at) if t)


def summary(article) -> str:
    return Truncator(article.summary()).chars(DESCRIPTION_CHARS)


def article_image(origin: str, article) -> dict | None:
    """The article's share rendition (the largest, up to 1600 px), or None."""
    share = article.share_image
    if not share:
        return None
    return {
        "url": absolute(origin, share["url"]),
        "width": share["width"],
        "height": share["height"],
        "type": mimetypes.guess_type(share["url"])[0] or "",
        "alt": article.featured_image_alt,
    }


def article_tag_names(article) -> list[str]:
    """The names of the entities and keywords ``article`` carries, each once.
    The keywords are prefetched, so the page's own keyword list reads them from
    the same query."""
    prefetch_related_objects([article], "keywords")
    names = [entity.name for entity in article.entities.all()]
    names += [k.name for k in article.keywords.all() if k.name not in names]
    return names
