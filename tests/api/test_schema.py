"""The OpenAPI schema a client can be generated from, and the documentation page
the site serves itself."""

import json
import re

import pytest
from drf_spectacular.validation import validate_schema

from articles.site.filters import ArticleFilter

from .conftest import openapi

pytestmark = pytest.mark.django_db


def parameters(operation):
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


def test_the_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    validate_schema(document)
    yaml = client.get("/api/v1/schema/")
    assert yaml.status_code == 200
    assert yaml.content.startswith(b"openapi: 3.")


def test_every_endpoint_is_described(client):
    paths = openapi()["paths"]
    assert set(paths) == {
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/{id}/",
        "/api/v1/articles/{id}/ninjs",
        "/api/v1/articles/export",
        "/api/v1/regions/",
        "/api/v1/topics/",
        "/api/v1/sources/",
        "/api/v1/entities/",
        "/api/v1/entities/{slug}/",
        "/api/v1/facts/",
    }
    for path, item in paths.items():
        assert set(item) == {"get"}, path
        assert item["get"]["responses"]["200"], path
        assert "429" in item["get"]["responses"], path


def test_the_lists_filters_are_documented_exactly(client):
    """The documented parameters are ArticleFilter's: a filter added to the
    public list without documenting it here fails this test."""
    paths = openapi()["paths"]
    filters = set(ArticleFilter.base_filters)
    assert parameters(paths["/api/v1/articles/"]["get"]) == filters | {
        "cursor",
        "page_size",
    }
    assert parameters(paths["/api/v1/articles/export"]["get"]) == filters | {
        "cursor",
        "format",
        "limit",
    }


def test_the_schema_names_no_vocabulary(client, newsroom):
    """Choices come from the data, not the schema: nothing of the newsroom's
    vocabulary (public or not) is enumerated in it."""
    body = client.get("/api/v1/schema.json").content.decode()
    for word in ("rahasia", "krakatau", "banten", "kemenperin"):
        assert word not in body.lower()


class TestDocsPage:
    def test_served_by_the_site_without_cdn_or_inline_script(self, client):
        response = client.get("/api/v1/docs/")
        assert response.status_code == 200
        html = response.content.decode()
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert len(scripts) == 2
        for attributes, body in scripts:
            assert body.strip() == ""
            source = re.search(r'src="([^"]+)"', attributes)[1]
            assert source.startswith("/static/")
            assert client.get(source).status_code == 200
        for link in re.findall(r'href="([^"]+)"', html):
            assert not link.startswith(("http:", "https:", "//")), link
        assert 'data-schema-url="/api/v1/schema.json"' in html

    def test_under_the_sites_content_security_policy(self, client):
        policy = client.get("/api/v1/docs/")["Content-Security-Policy"]
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
