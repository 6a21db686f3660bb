"""schema.org ``NewsArticle`` JSON-LD for an article page.

Authors are people only when the byline names people; a desk ("Redaksi"), the
source or the newsroom is an ``Organization`` (see ``authors``). The publisher
is the newsroom, with its raster logo, as Google's article guidelines ask.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from articles.site.listing import tags_of
from articles.site.metadata import share
from articles.site.metadata.authors import (
    NEWSROOM,
    article_authors,
    byline_profiles,
)


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def newsroom(origin: str) -> dict:
    """The newsroom as an ``Organization``, with its logo."""
    width, height = share.LOGO_SIZE
    return {
        "@type": "Organization",
        "name": NEWSROOM,
        "url": origin + reverse("articles:home"),
        "logo": {
            "@type": "ImageObject",
            "url": share.absolute(origin, static(share.LOGO)),
            "width": width,
            "height": height,
        },
    }


def author(origin: str, article, who) -> dict:
    if who.is_person:
        person = {"@type": "Person", "name": who.name}
        if who.url:
            person["url"] = origin + who.url
        return person
    if who.kind == "source":
        return {
            "@type": "Organization",
            "name": who.name,
            "url": who.url or origin + article.source.get_absolute_url(),
        }
    return {
        "@type": "Organization",
        "name": who.name,
        "url": origin + reverse("articles:home"),
    }


def image(origin: str, article) -> dict | None:
    found = share.article_image(origin, article)
    if found is None:
        return None
    data = {
        "@type": "ImageObject",
        "url": found["url"],
        "contentUrl": found["url"],
        "width": found["width"],
    }
    if found["height"]:
        data["height"] = found["height"]
    if article.featured_image_caption:
        data["caption"] = article.featured_image_caption
    if article.featured_image_credit:
        data["creditText"] = article.featured_image_credit
    return data


def news_article(article, *, origin: str, profiles=None) -> dict:
    """The ``NewsArticle`` describing ``article``, its addresses on ``origin``
    ("https://host") in the current language; its people's ``profiles``
    (``byline_profiles``) give their addresses."""
    if profiles is None:
        profiles = byline_profiles(article)
    url = origin + article.get_absolute_url()
    published = article.publish_at or article.updated_at
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": share.summary(article),
        "articleBody": article.body_text,
        "wordCount": article.word_count,
        "datePublished": _iso(published),
        "dateModified": _iso(share.modified_at(article)),
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "author": [
            author(origin, article, who)
            for who in article_authors(article, profiles=profiles)
        ],
        "publisher": newsroom(origin),
        "articleSection": [topic.name for topic in tags_of(article).topics],
        "keywords": share.article_tag_names(article),
        "contentLocation": [
            {"@type": "Place", "name": region.name}
            for region in tags_of(article).regions
        ],
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if article.source:
        data["sourceOrganization"] = {
            "@type": "NewsMediaOrganization",
            "name": article.source.name,
            **({"url": article.source.homepage} if article.source.homepage else {}),
        }
    if article.original_url:
        data["isBasedOn"] = article.original_url
    # Google asks every NewsArticle for an image: the site's share image
    # stands in for an article without its own, as it does for OpenGraph.
    data["image"] = image(origin, article) or default_image(origin)
    return data


def default_image(origin: str) -> dict:
    found = share.default_image(origin)
    return {
        "@type": "ImageObject",
        "url": found["url"],
        "contentUrl": found["url"],
        "width": found["width"],
        "height": found["height"],
    }
