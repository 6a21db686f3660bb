"""Articles as IPTC ninjs 2.1 ("News in JSON"), the news industry's JSON format
(Superdesk, AP, NTB, TT and others exchange it).

One text item per article: its canonical address as ``uri``; the title as the
main headline; the standfirst as a summary description; the body as sanitised
HTML and as plain text in ``bodies``; topics as ``subjects`` (IPTC Media Topic
URIs where the topic has a code, else the topic's page); regions as ``places``
with their official codes (Kemendagri, or ISO 3166 for countries) as
``literal``; tagged people, organisations and places in ``people``,
``organisations`` and ``places``; the source in ``infosources``; the featured
image's renditions as an associated picture item. Only properties the 2.x
schema defines are used (it allows no others), and empty ones are left out.
"""

import re

from articles.api import representations as rep
from articles.models import richtext
from articles.site.metadata.authors import meaningful_credit

VERSION = "2.1"
STANDARD = {
    "name": "ninjs",
    "version": VERSION,
    "schema": f"https://www.iptc.org/std/ninjs/ninjs-schema_{VERSION}.json",
}
MEDIA_TOPIC = "http://cv.iptc.org/newscodes/mediatopic/"
ISO_COUNTRY = "http://cvx.iptc.org/iso3166-1a2/"
# A Media Topic code as editors type it: "medtop:20000344" or "20000344".
MEDIA_TOPIC_CODE = re.compile(r"^(?:medtop:)?(\d{8})$")
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


def _compact(data: dict) -> dict:
    """Leave out properties without a value (ninjs has no nulls)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def subject(topic, links) -> dict:
    match = MEDIA_TOPIC_CODE.match((topic.iptc_code or "").strip())
    if match:
        return {
            "name": topic.name,
            "rel": "about",
            "uri": MEDIA_TOPIC + match[1],
            "literal": f"medtop:{match[1]}",
        }
    return {"name": topic.name, "rel": "about", "uri": links.topic(topic)}


def place(region, links) -> dict:
    uri = (
        ISO_COUNTRY + region.code.lower()
        if region.kind == "country"
        else links.region(region)
    )
    return {"name": region.name, "rel": "about", "uri": uri, "literal": region.code}


def mention(entity, links) -> dict:
    return {"name": entity.name, "rel": "mentions", "uri": links.entity(entity)}


def picture(article, links) -> dict | None:
    """The featured image as an associated ninjs picture item."""
    image = rep.image(article, links, full=True)
    if image is None:
        return None
    renditions = []
    for rendition in image["renditions"]:
        extension = rendition["url"].rsplit(".", 1)[-1].lower()
        renditions.append(
            _compact(
                {
                    "name": f"w{rendition['width']}",
                    "href": rendition["url"],
                    "contenttype": CONTENT_TYPES.get(extension),
                    "width": rendition["width"],
                    "height": rendition["height"],
                }
            )
        )
    descriptions = [
        {"role": role, "contenttype": "text/plain", "value": value}
        for role, value in (("caption", image["caption"]), ("alt", image["alt"]))
        if value
    ]
    return _compact(
        {
            "name": "featureimage",
            "uri": links.article(article) + "#featured-image",
            "type": "picture",
            "representationtype": "full",
            "by": image["credit"],
            "descriptions": descriptions,
            "renditions": renditions,
        }
    )


def corrections(article) -> list[dict]:
    """The article's corrections, clarifications and replies as descriptions
    (role: their kind), dated; read only for an article that has some."""
    if not article.corrected_at:
        return []
    return [
        {
            "role": note.kind,
            "contenttype": "text/plain",
            "value": f"{rep.timestamp(note.published_at)} {note.text}",
        }
        for note in article.corrections.all()
    ]


def article_ninjs(article, tags, links) -> dict:
    """``article`` (public) with its ``tags`` (``listing.tags_by_article``) as a
    ninjs 2.1 text item."""
    entities = tags.entities
    kinds = {
        kind: [mention(e, links) for e in entities if e.kind == kind]
        for kind in ("person", "organisation", "place", "other")
    }
    html = rep.body_html(article, links)
    text = article.body_text
    counts = {"charcount": len(text), "wordcount": len(richtext.WORD.findall(text))}
    source = article.source
    altids = [{"role": "warta-id", "value": str(article.pk)}]
    if article.original_url:
        altids.append({"role": "original-url", "value": article.original_url})
    image = picture(article, links)
    return _compact(
        {
            "standard": STANDARD,
            "uri": links.article(article),
            "type": "text",
            "representationtype": "full",
            "profile": "warta-article",
            "version": str(article.version),
            "firstcreated": rep.timestamp(article.publish_at),
            "versioncreated": rep.timestamp(
                max(article.updated_at, article.publish_at)
            ),
            "pubstatus": "usable",
            "language": article.language,
            "altids": altids,
            "slugline": article.slug,
            "headlines": [{"role": "main", "value": article.title}],
            "descriptions": (
                [
                    {
                        "role": "summary",
                        "contenttype": "text/plain",
                        "value": article.standfirst,
                    }
                ]
                if article.standfirst
                else []
            )
            + corrections(article),
            "bodies": [
                {"role": "main", "contenttype": "text/html", "value": html, **counts},
                {"role": "main", "contenttype": "text/plain", "value": text, **counts},
            ],
            # A credit line without a letter ("*", "(*)") names no one.
            "by": article.byline or meaningful_credit(article.credit),
            "located": article.dateline,
            "subjects": [subject(t, links) for t in tags.topics]
            + [{**m, "rel": "mentions"} for m in kinds["other"]],
            "places": [place(r, links) for r in tags.regions] + kinds["place"],
            "people": kinds["person"],
            "organisations": kinds["organisation"],
            "infosources": (
                [{"name": source.name, "uri": links.source(source)}] if source else []
            ),
            "associations": [image] if image else [],
        }
    )
