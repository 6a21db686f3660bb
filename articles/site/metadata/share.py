"""OpenGraph and Twitter card tags for every public page, and the site's own
share image and logo (made by ``scripts/make_brand_images.py``).

Every page gets a canonical ``og:url``, a title, a description and an image:
an article its share rendition, any other page the site's default image.
"""

import mimetypes

from django.db.models import prefetch_related_objects
from django.templatetags.static import static
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.freshness import taxonomy
from articles.site.listing import tags_of
from articles.site.metadata.authors import NEWSROOM

# Static files, and their sizes in pixels (tests check the files against these).
SHARE_IMAGE = "warta/share.png"
SHARE_IMAGE_SIZE = (1200, 630)
LOGO = "warta/logo.png"
LOGO_SIZE = (600, 60)

OG_LOCALES = {"id": "id_ID", "en": "en_US"}
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


def default_image(origin: str) -> dict:
    width, height = SHARE_IMAGE_SIZE
    return {
        "url": absolute(origin, static(SHARE_IMAGE)),
        "width": width,
        "height": height,
        "type": "image/png",
        "alt": _("Warta Industri: regional industry news from Indonesia"),
    }


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


def page_tags(
    *, origin, path, title, description, image=None, og_type="website", extra=()
) -> list[tuple[str, str, str]]:
    """The OpenGraph and Twitter card tags of a page, as ``(attribute, key,
    value)``: ``("property", "og:title", "…")`` is
    ``<meta property="og:title" content="…">``."""
    language = get_language()
    image = image or default_image(origin)
    tags = [
        ("property", "og:site_name", NEWSROOM),
        ("property", "og:locale", OG_LOCALES.get(language, OG_LOCALES["id"])),
        *(
            ("property", "og:locale:alternate", locale)
            for code, locale in OG_LOCALES.items()
            if code != language
        ),
        ("property", "og:type", og_type),
        ("property", "og:url", origin + path),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:image", image["url"]),
        *(
            ("property", f"og:image:{key}", image[key])
            for key in ("width", "height", "type", "alt")
            if image.get(key)
        ),
        # Every page has an image (the site's own at least): the large card.
        ("name", "twitter:card", "summary_large_image"),
    ]
    if image.get("alt"):
        tags.append(("name", "twitter:image:alt", image["alt"]))
    return [*tags, *extra]


def article_section(article) -> str:
    """The high-level section of ``article``: the top of its first topic."""
    topics = list(tags_of(article).topics)
    if not topics:
        return ""
    ancestors = taxonomy().topic_ancestors(topics[0])
    return (ancestors[0] if ancestors else topics[0]).name


def article_tags(*, origin, article) -> list[tuple[str, str, str]]:
    """The tags of an article page: ``og:type`` article with its times, section
    and tags (entities and keywords), and its own image when it has one."""
    extra = [
        (
            "property",
            "article:published_time",
            timezone.localtime(article.publish_at).isoformat(timespec="seconds"),
        )
        if article.publish_at
        else None,
        (
            "property",
            "article:modified_time",
            timezone.localtime(modified_at(article)).isoformat(timespec="seconds"),
        ),
        ("property", "article:section", article_section(article)),
        *(("property", "article:tag", name) for name in article_tag_names(article)),
    ]
    return page_tags(
        origin=origin,
        path=article.get_absolute_url(),
        title=article.title,
        description=summary(article),
        image=article_image(origin, article),
        og_type="article",
        extra=[tag for tag in extra if tag and tag[2]],
    )


def article_tag_names(article) -> list[str]:
    """The names of the entities and keywords ``article`` carries, each once.
    The keywords are prefetched, so the page's own keyword list reads them from
    the same query."""
    prefetch_related_objects([article], "keywords")
    names = [entity.name for entity in tags_of(article).entities]
    names += [k.name for k in article.keywords.all() if k.name not in names]
    return names
