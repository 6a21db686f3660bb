"""Articles as IPTC ninjs 2.x, checked against the specification's property
list (the ninjs User Guide, "ninjs in Detail", 2.x column): ``uri`` is the one
required top-level property; the 2.x schema allows no properties besides its
own; each structure's members, required members and types as the guide lists
them. Written from the guide; the IPTC schema file is not copied here."""

import re
from datetime import datetime

import pytest
from django.core.files.base import ContentFile

from articles.api.ninjs import MEDIA_TOPIC, MEDIA_TOPIC_CODE
from articles.models import Article

pytestmark = pytest.mark.django_db

URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")
TEXT, NUMBER, URI_TYPE, DATE_TIME = "string", "number", "uri", "date-time"


def array_of(members, required=()):
    return ("array", members, tuple(required))


# Per structure: member -> type, where a type is a name above, ("enum", values),
# ("object", members, required), or array_of(...).
CONTACT_INFO = array_of(
    {
        "type": TEXT,
        "role": TEXT,
        "lang": TEXT,
        "name": TEXT,
        "value": TEXT,
        "address": (
            "object",
            {
                "lines": ("list", TEXT),
                "locality": TEXT,
                "area": TEXT,
                "postalcode": TEXT,
                "country": TEXT,
            },
            (),
        ),
    }
)
QUALIFIED = {"name": TEXT, "rel": TEXT, "uri": URI_TYPE, "literal": TEXT}
TYPES = ("text", "audio", "video", "picture", "graphic", "composite", "component")
ROLE_VALUE = {"role": TEXT, "contenttype": TEXT, "value": TEXT}
ITEM = {
    "uri": URI_TYPE,
    "type": ("enum", TYPES),
    "title": TEXT,
    "standard": ("object", {"name": TEXT, "version": TEXT, "schema": URI_TYPE}, ()),
    "altids": array_of({"role": TEXT, "value": TEXT}),
    "representationtype": ("enum", ("full", "partial")),
    "profile": TEXT,
    "version": TEXT,
    "firstcreated": DATE_TIME,
    "versioncreated": DATE_TIME,
    "contentcreated": DATE_TIME,
    "embargoed": DATE_TIME,
    "expires": DATE_TIME,
    "pubstatus": ("enum", ("usable", "withheld", "canceled")),
    "urgency": ("range", 1, 9),
    "ednote": TEXT,
    "language": TEXT,
    "copyrightholder": TEXT,
    "copyrightnotice": TEXT,
    "usageterms": TEXT,
    "rightsinfo": array_of(
        {"langid": URI_TYPE, "linkedrights": URI_TYPE, "encodedrights": TEXT}
    ),
    "headlines": array_of(ROLE_VALUE, required=["value"]),
    "slugline": TEXT,
    "by": TEXT,
    "bodies": array_of(
        {**ROLE_VALUE, "charcount": NUMBER, "wordcount": NUMBER}, required=["value"]
    ),
    "descriptions": array_of(ROLE_VALUE, required=["value"]),
    "located": TEXT,
    "genres": array_of({"name": TEXT, "uri": URI_TYPE, "literal": TEXT}),
    "people": array_of({**QUALIFIED, "contactinfo": CONTACT_INFO}),
    "organisations": array_of(
        {**QUALIFIED, "symbols": ("list", "object"), "contactinfo": CONTACT_INFO}
    ),
    "places": array_of(
        {**QUALIFIED, "contactinfo": CONTACT_INFO, "geojson": ("object", None, ())}
    ),
    "subjects": array_of(
        {
            **QUALIFIED,
            "creator": TEXT,
            "relevance": ("range", 0, 100),
            "confidence": ("range", 0, 100),
        }
    ),
    "events": array_of(QUALIFIED),
    "objects": array_of(QUALIFIED),
    "infosources": array_of(
        {
            "name": TEXT,
            "role": TEXT,
            "uri": URI_TYPE,
            "literal": TEXT,
            "contactinfo": CONTACT_INFO,
        }
    ),
    "trustindicators": array_of({"role": URI_TYPE, "href": TEXT, "title": TEXT}),
    "renditions": array_of(
        {
            "name": TEXT,
            "href": URI_TYPE,
            "contenttype": TEXT,
            "title": TEXT,
            "height": NUMBER,
            "width": NUMBER,
            "sizeinbytes": NUMBER,
            "duration": NUMBER,
            "format": TEXT,
        },
        required=["name"],
    ),
}


def problems(value, kind, where) -> list[str]:
    """What is wrong with ``value`` as a ``kind`` (see ITEM), at ``where``."""
    if kind == TEXT:
        return [] if isinstance(value, str) else [f"{where}: not a string"]
    if kind == NUMBER:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{where}: not a number"]
    if kind == URI_TYPE:
        ok = isinstance(value, str) and URI.match(value)
        return [] if ok else [f"{where}: not a complete URI: {value!r}"]
    if kind == DATE_TIME:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except (AttributeError, ValueError):
            return [f"{where}: not a date-time: {value!r}"]
        return [] if parsed.tzinfo else [f"{where}: date-time without a zone"]
    tag = kind[0]
    if tag == "enum":
        return [] if value in kind[1] else [f"{where}: {value!r} not in {kind[1]}"]
    if tag == "range":
        ok = isinstance(value, int) and kind[1] <= value <= kind[2]
        return [] if ok else [f"{where}: not an integer in {kind[1:]}"]
    if tag == "list":
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [
            p
            for n, v in enumerate(value)
            for p in problems(v, kind[1], f"{where}[{n}]")
        ]
    if tag == "object":
        return structure(value, kind[1], kind[2], where)
    if tag == "array":
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [
            p
            for n, member in enumerate(value)
            for p in structure(member, kind[1], kind[2], f"{where}[{n}]")
        ]
    raise AssertionError(kind)


def structure(value, members, required, where) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    if members is None:
        return []
    found = [f"{where}.{name}: required" for name in required if name not in value]
    for name, member in value.items():
        if name not in members:
            found.append(f"{where}.{name}: not a ninjs 2.x property")
        else:
            found += problems(member, members[name], f"{where}.{name}")
    return found


def ninjs_problems(document, where="$") -> list[str]:
    """Every way ``document`` departs from ninjs 2.x (associations are ninjs
    items themselves, each with a required ``name``)."""
    members = {**ITEM, "associations": None}
    found = structure(document, {k: v for k, v in members.items() if v}, ["uri"], where)
    found = [
        p for p in found if not p.endswith(".associations: not a ninjs 2.x property")
    ]
    for n, associated in enumerate(document.get("associations", [])):
        place = f"{where}.associations[{n}]"
        if not isinstance(associated, dict) or "name" not in associated:
            found.append(f"{place}.name: required")
            continue
        found += ninjs_problems(
            {k: v for k, v in associated.items() if k != "name"}, place
        )
        found += problems(associated["name"], TEXT, f"{place}.name")
    return found


class TestTheChecker:
    """The checker itself finds what the specification forbids."""

    @pytest.mark.parametrize(
        ("document", "problem"),
        [
            ({}, "$.uri: required"),
            ({"uri": "not a uri"}, "$.uri: not a complete URI"),
            ({"uri": "urn:x:1", "headline": "1.x name"}, "$.headline: not a ninjs"),
            ({"uri": "urn:x:1", "type": "article"}, "$.type:"),
            ({"uri": "urn:x:1", "headlines": [{"role": "main"}]}, "headlines[0].value"),
            ({"uri": "urn:x:1", "versioncreated": "2026-01-01"}, "date-time"),
            ({"uri": "urn:x:1", "urgency": 10}, "$.urgency"),
            ({"uri": "urn:x:1", "subjects": [{"code": "x"}]}, "subjects[0].code"),
            ({"uri": "urn:x:1", "renditions": [{"href": "https://x/y"}]}, ".name"),
            ({"uri": "urn:x:1", "associations": [{"uri": "urn:x:2"}]}, ".name"),
        ],
    )
    def test_finds(self, document, problem):
        assert any(problem in p for p in ninjs_problems(document)), ninjs_problems(
            document
        )

    def test_accepts_the_guides_simple_text_article(self):
        document = {
            "uri": "http://ninjs.example.com/newsitems/20130709simp123",
            "type": "text",
            "versioncreated": "2013-07-09T10:37:00Z",
            "language": "en",
            "by": "Agence",
            "headlines": [{"role": "main", "value": "A headline"}],
            "bodies": [{"role": "main", "contenttype": "text/plain", "value": "x"}],
        }
        assert ninjs_problems(document) == []


@pytest.fixture
def pictured(newsroom):
    article = newsroom["public"][0]
    article.featured_image.save("asli.jpg", ContentFile(b"x"), save=False)
    Article.objects.filter(pk=article.pk).update(
        featured_image=article.featured_image.name,
        featured_image_alt="Pabrik baja",
        featured_image_caption="Pabrik di Cilegon.",
        featured_image_credit="Foto: Humas",
        image_width=1200,
        image_height=600,
        image_renditions={"480": "articles/r/480.webp", "960": "articles/r/960.webp"},
        standfirst="Ringkasan.",
        original_url="https://rubrikbanten.example/baja",
    )
    return article


def test_every_public_article_is_valid_ninjs(api, newsroom, pictured):
    for article in newsroom["public"]:
        response = api.get(f"/api/v1/articles/{article.pk}/ninjs")
        assert response.status_code == 200
        assert ninjs_problems(response.data) == [], article.title
        assert response.data["standard"]["version"].startswith("2.")


def test_what_the_ninjs_item_says(api, newsroom, pictured):
    data = api.get(f"/api/v1/articles/{pictured.pk}/ninjs").data
    assert data["uri"] == f"http://testserver/artikel/{pictured.slug}/"
    assert data["type"] == "text"
    assert data["headlines"] == [{"role": "main", "value": pictured.title}]
    assert data["descriptions"][0]["value"] == "Ringkasan."
    html, text = data["bodies"]
    assert (html["contenttype"], text["contenttype"]) == ("text/html", "text/plain")
    assert text["value"] == pictured.body_text
    assert html["wordcount"] == text["wordcount"] > 0
    assert data["by"] == "Ika" and data["located"] == "CILEGON"
    assert data["language"] == "id"
    assert {"role": "original-url", "value": "https://rubrikbanten.example/baja"} in (
        data["altids"]
    )
    # Subjects: the topic's IPTC Media Topic where it has one.
    steel = newsroom["topics"]["steel"]
    assert data["subjects"] == [
        {
            "name": steel.name,
            "rel": "about",
            "uri": f"http://testserver/topik/{steel.slug}/",
        }
    ]
    # Places: regions with their Kemendagri codes, then tagged places.
    assert data["places"][0] == {
        "name": "Kota Cilegon",
        "rel": "about",
        "uri": "http://testserver/wilayah/kota-cilegon/",
        "literal": "36.72",
    }
    assert [p["name"] for p in data["places"][1:]] == ["Cilegon"]
    assert [o["name"] for o in data["organisations"]] == [
        "Kementerian Perindustrian",
        "PT Krakatau Steel",
    ]
    assert data["infosources"] == [
        {
            "name": "RubrikBanten",
            "uri": f"http://testserver/sumber/{newsroom['sources']['rubrik'].slug}/",
        }
    ]
    (picture,) = data["associations"]
    assert picture["type"] == "picture" and picture["name"] == "featureimage"
    assert picture["by"] == "Foto: Humas"
    assert [r["href"] for r in picture["renditions"]] == [
        "http://testserver/media/articles/r/480.webp",
        "http://testserver/media/articles/r/960.webp",
    ]
    assert picture["renditions"][0]["contenttype"] == "image/webp"


def test_iptc_media_topics_and_people(api, newsroom):
    article = newsroom["public"][1]
    data = api.get(f"/api/v1/articles/{article.pk}/ninjs").data
    assert data["subjects"] == [
        {
            "name": "Industri",
            "rel": "about",
            "uri": MEDIA_TOPIC + "20000344",
            "literal": "medtop:20000344",
        }
    ]
    assert data["people"] == [
        {
            "name": "Helmi Budiman",
            "rel": "mentions",
            "uri": "http://testserver/entitas/helmi-budiman/",
        }
    ]
    assert "associations" not in data  # no image: the property is left out


def test_a_country_is_named_by_its_iso_code(api, newsroom, make_article):
    from entities.models import Region

    article = make_article(regions=[Region.objects.get(code="ID")])
    data = api.get(f"/api/v1/articles/{article.pk}/ninjs").data
    assert data["places"] == [
        {
            "name": "Indonesia",
            "rel": "about",
            "uri": "http://cvx.iptc.org/iso3166-1a2/id",
            "literal": "ID",
        }
    ]
    assert ninjs_problems(data) == []


@pytest.mark.parametrize(
    ("credit", "by"), [("(*)", None), ("*", None), ("*/Ika", "*/Ika")]
)
def test_a_credit_naming_no_one_is_not_a_by_line(api, make_article, credit, by):
    article = make_article(byline="", credit=credit)
    data = api.get(f"/api/v1/articles/{article.pk}/ninjs").data
    assert data.get("by") == by
    assert ninjs_problems(data) == []


def test_every_seed_topic_is_an_iptc_media_topic(api, seed_data):
    from articles.models import Topic

    assert [
        t.slug for t in Topic.objects.all() if not MEDIA_TOPIC_CODE.match(t.iptc_code)
    ] == []
    article = Article.objects.filter(topics__isnull=False).first()
    data = api.get(f"/api/v1/articles/{article.pk}/ninjs").data
    uris = {s["uri"] for s in data["subjects"] if s.get("rel") == "about"}
    assert uris and all(uri.startswith(MEDIA_TOPIC) for uri in uris)
