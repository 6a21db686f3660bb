"""The API's test helpers: a JSON client, a small newsroom with public and
unpublished articles, and validation of responses against the OpenAPI schema."""

import datetime
import json
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles.models import Article
from entities.models import Entity, Region
from tests.snapshots import shared


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # The limit has its own tests; elsewhere many requests come from one client.
    settings.WARTA_API_RATES = {"api": "", "export": ""}


class Api:
    def __init__(self, client):
        self.client = client

    def get(self, path, data=None, **meta):
        """GET ``path``; ``meta`` as in the WSGI environ (``HTTP_ORIGIN=…``)."""
        response = self.client.get(path, data, **meta)
        if not response.streaming and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            response.data = json.loads(response.content)
        return response

    def ids(self, path="/api/v1/articles/", data=None, *, page_size=100):
        """Every article id of a list, following ``next`` links."""
        ids, query = [], urlencode({**(data or {}), "page_size": page_size}, True)
        response = self.get(path + ("&" if "?" in path else "?") + query)
        assert response.status_code == 200, response.content
        while True:
            ids += [row["id"] for row in response.data["results"]]
            if not response.data["next"]:
                return ids
            response = self.get(response.data["next"])
            assert response.status_code == 200, response.content


@pytest.fixture
def api(client):
    return Api(client)


def hours_ago(n):
    return timezone.now() - datetime.timedelta(hours=n)


@pytest.fixture
def newsroom(db, make_topic, make_source, make_entity, make_article):
    """A province with two regencies, a topic tree, sources and entities; public
    articles, and drafts, a scheduled and an archived article whose vocabulary
    nothing public uses (built once per run: tests/snapshots.py)."""
    return shared(
        "api.newsroom",
        lambda: build_newsroom(make_topic, make_source, make_entity, make_article),
    )


def build_newsroom(make_topic, make_source, make_entity, make_article):
    country = Region.objects.create(
        name="Indonesia", slug="indonesia", kind="country", code="ID"
    )
    banten = Region.objects.create(
        name="Banten", slug="banten", kind="province", code="36", parent=country
    )
    cilegon = Region.objects.create(
        name="Kota Cilegon",
        slug="kota-cilegon",
        kind="city",
        code="36.72",
        parent=banten,
    )
    serang = Region.objects.create(
        name="Kabupaten Serang",
        slug="kabupaten-serang",
        kind="regency",
        code="36.04",
        parent=banten,
    )
    ntb = Region.objects.create(
        name="Nusa Tenggara Barat",
        slug="ntb",
        kind="province",
        code="52",
        parent=country,
    )
    secret_region = Region.objects.create(
        name="Pulau Rahasia",
        slug="pulau-rahasia",
        kind="regency",
        code="52.99",
        parent=ntb,
    )
    industry = make_topic("Industri")
    industry.iptc_code = "medtop:20000344"
    industry.save()
    steel = make_topic("Baja", parent=industry)
    economy = make_topic("Ekonomi")
    secret_topic = make_topic("Topik rahasia")
    rubrik = make_source("RubrikBanten")
    wire = make_source("Kantor Berita")
    secret_source = make_source("Sumber rahasia")
    ks = make_entity("PT Krakatau Steel", aliases=["KS"], region=cilegon)
    kemenperin = make_entity("Kementerian Perindustrian", aliases=["Kemenperin"])
    helmi = make_entity("Helmi Budiman", kind=Entity.Kind.PERSON)
    cilegon_place = make_entity("Cilegon", kind=Entity.Kind.PLACE, region=cilegon)
    secret_entity = make_entity("PT Akuisisi Rahasia", aliases=["Rahasia Corp"])

    public = [
        make_article(
            "Krakatau Steel tambah kapasitas baja di Cilegon",
            regions=[cilegon],
            topics=[steel],
            entities=[ks, kemenperin, cilegon_place],
            source=rubrik,
            publish_at=hours_ago(1),
            byline="Ika",
            dateline="CILEGON",
        ),
        make_article(
            "Kemenperin dorong industri di Serang",
            regions=[serang],
            topics=[industry],
            entities=[kemenperin, helmi],
            source=wire,
            publish_at=hours_ago(2),
        ),
        make_article(
            "Ekonomi Banten tumbuh",
            regions=[banten],
            topics=[economy],
            entities=[helmi],
            publish_at=hours_ago(3),
        ),
        make_article(
            "Smelter di Sumbawa",
            regions=[ntb],
            topics=[industry, economy],
            entities=[ks],
            source=wire,
            publish_at=hours_ago(4),
        ),
        make_article(
            "Pelabuhan Cilegon dan Serang",
            regions=[cilegon, serang],
            topics=[steel, economy],
            entities=[ks, helmi],
            publish_at=hours_ago(5),
        ),
    ]
    hidden = {
        "draft": make_article(
            "Draf akuisisi rahasia",
            status=Article.Status.DRAFT,
            regions=[secret_region, cilegon],
            topics=[secret_topic, steel],
            entities=[secret_entity, ks],
        ),
        "review": make_article(
            "Naskah dalam tinjauan rahasia",
            status=Article.Status.REVIEW,
            regions=[secret_region],
            entities=[secret_entity],
        ),
        "scheduled": make_article(
            "Terjadwal rahasia besok",
            publish_at=timezone.now() + datetime.timedelta(days=1),
            regions=[secret_region, banten],
            topics=[secret_topic],
            entities=[secret_entity, kemenperin],
        ),
        "archived": make_article(
            "Arsip rahasia lama",
            status=Article.Status.ARCHIVED,
            publish_at=hours_ago(30),
            regions=[secret_region],
            topics=[secret_topic],
            entities=[secret_entity],
        ),
    }
    for article in hidden.values():
        Article.objects.filter(pk=article.pk).update(source=secret_source)
    return {
        "public": public,
        "hidden": hidden,
        "regions": {
            "banten": banten,
            "cilegon": cilegon,
            "serang": serang,
            "ntb": ntb,
            "secret": secret_region,
        },
        "topics": {
            "industry": industry,
            "steel": steel,
            "economy": economy,
            "secret": secret_topic,
        },
        "sources": {"rubrik": rubrik, "wire": wire, "secret": secret_source},
        "entities": {
            "ks": ks,
            "kemenperin": kemenperin,
            "helmi": helmi,
            "cilegon": cilegon_place,
            "secret": secret_entity,
        },
    }


# Responses against the schema ------------------------------------------------------

_schema = {}


def openapi():
    """The API's OpenAPI document, as drf-spectacular generates it."""
    if "document" not in _schema:
        from drf_spectacular.generators import SchemaGenerator

        _schema["document"] = json.loads(
            json.dumps(SchemaGenerator().get_schema(request=None, public=True))
        )
    return _schema["document"]


def _as_json_schema(node):
    """OpenAPI 3.0 ``nullable`` as JSON Schema (``type`` may be null)."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    if node.get("type") == "object" and "properties" in node:
        # Every property the shape declares is always there.
        node.setdefault("additionalProperties", False)
    return node


def assert_matches_schema(data, component):
    """``data`` has exactly the shape of ``#/components/schemas/<component>``."""
    import jsonschema

    document = openapi()
    root = {
        "$ref": f"#/components/schemas/{component}",
        "components": _as_json_schema(document["components"]),
    }
    jsonschema.Draft202012Validator(
        root, format_checker=jsonschema.FormatChecker()
    ).validate(data)
